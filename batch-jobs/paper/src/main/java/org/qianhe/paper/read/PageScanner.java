package org.qianhe.paper.read;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.barcode.FormCode;
import org.qianhe.paper.barcode.QrCodes;
import org.qianhe.paper.form.CheckboxGroup;
import org.qianhe.paper.form.FieldSpec;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.form.Vocabulary;
import org.qianhe.paper.image.GreyImage;
import org.qianhe.paper.image.Registration;
import org.qianhe.paper.image.RegionSampler;
import org.qianhe.paper.ocr.OcrEngines;
import org.qianhe.paper.scan.ScanPage;

/**
 * Reads one page of the standard form: registers it (corner marks; the QR code's finder patterns
 * when marks are lost), decodes the QR code, reads every field and tick box through the map, and
 * cuts out the signature. Thread-safe; OCR engines are borrowed from the shared set per page.
 */
public final class PageScanner {

  /** QR codes are decoded from the deskewed region at this resolution (px/mm), then at the second. */
  private static final double[] QR_PX_PER_MM = {8, 12};
  private static final double QR_MARGIN_MM = 3;

  private final FormTemplate form;
  private final OcrEngines engines;
  private final FieldReader fields;
  private final TickReader ticks;

  public PageScanner(PaperConfig config, FormTemplate form, Vocabulary vocabulary, OcrEngines engines) {
    this.form = form;
    this.engines = engines;
    this.fields = new FieldReader(config, vocabulary);
    this.ticks = new TickReader(config, form);
  }

  public RawPage scan(ScanPage page) {
    GreyImage grey = GreyImage.redChannel(page.image());
    Optional<Registration.Result> registration = Registration.byMarks(grey, form);
    Optional<FormCode> code = Optional.empty();
    if (registration.isPresent()) {
      code = decodeRegion(grey, registration.get());
    }
    if (registration.isEmpty() || code.isEmpty()) {
      Optional<QrCodes.Decoded> whole = QrCodes.decode(grey);
      if (whole.isPresent()) {
        code = FormCode.parse(form.barcodePrefix(), whole.get().text());
        if (registration.isEmpty() && code.isPresent() && whole.get().finders().size() == 3) {
          registration = Registration.byPoints(grey, form, form.qrFinderCentres(), whole.get().finders());
        }
      }
    }
    if (registration.isEmpty()) {
      return RawPage.unregistered(code);
    }
    Registration.Result reg = registration.get();
    Map<String, FieldRead> reads = engines.with(engine -> {
      Map<String, FieldRead> out = new LinkedHashMap<>();
      for (FieldSpec field : form.fields()) {
        out.put(field.name(), fields.read(engine, grey, reg, field));
      }
      return out;
    });
    Map<String, TickRead> tickReads = new LinkedHashMap<>();
    for (CheckboxGroup group : form.checkboxGroups()) {
      tickReads.put(group.name(), ticks.read(grey, reg, group));
    }
    return new RawPage(registration, code, reads, tickReads, ticks.signed(grey, reg),
        RegionSampler.colour(page.image(), reg.map(), form.signature()));
  }

  private Optional<FormCode> decodeRegion(GreyImage grey, Registration.Result registration) {
    for (double pxPerMm : QR_PX_PER_MM) {
      Optional<QrCodes.Decoded> decoded = QrCodes.decode(
          RegionSampler.grey(grey, registration.map(), form.barcode().grow(QR_MARGIN_MM), pxPerMm));
      if (decoded.isPresent()) {
        return FormCode.parse(form.barcodePrefix(), decoded.get().text());
      }
    }
    return Optional.empty();
  }
}
