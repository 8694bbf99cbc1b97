package org.qianhe.paper.form;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The standard paper consent form: where every field, tick box, the barcode, the signature and the
 * registration marks are, in millimetres. Defined once ({@code standard-form.json}) and used by both
 * the synthetic form renderer and the page reader, so the two cannot drift apart.
 *
 * @param marks         centres of the four solid corner squares the reader registers the page by
 * @param markSizeMm    side of one registration mark
 * @param barcode       the QR code (form id and child ID number)
 * @param qrVersion     the QR version printed (fixes the module count, so finder centres are known)
 * @param barcodePrefix first element of the QR payload, {@code PREFIX|formId|childId}
 */
public record FormTemplate(String id, String noticeVersion, double widthMm, double heightMm,
    List<double[]> marks, double markSizeMm, Box barcode, int qrVersion, String barcodePrefix,
    List<FieldSpec> fields, List<CheckboxGroup> checkboxGroups, double checkboxSizeMm,
    Box signature, String signatureLabel, double signatureLabelX, double[] stampCentre, double stampRadius,
    List<PrintedText> texts, PrintedText siteName, PrintedText footer) {

  public FormTemplate {
    marks = List.copyOf(marks);
    fields = List.copyOf(fields);
    checkboxGroups = List.copyOf(checkboxGroups);
    texts = List.copyOf(texts);
  }

  private static final class Standard {
    static final FormTemplate INSTANCE = FormTemplateJson.read("standard-form.json");
  }

  /** The form the clinics printed (bundled resource). */
  public static FormTemplate standard() {
    return Standard.INSTANCE;
  }

  public FieldSpec field(String name) {
    return byName(fields, FieldSpec::name).computeIfAbsent(name, n -> {
      throw new IllegalArgumentException("no field " + n + " on form " + id);
    });
  }

  public CheckboxGroup group(String name) {
    return byName(checkboxGroups, CheckboxGroup::name).computeIfAbsent(name, n -> {
      throw new IllegalArgumentException("no tick box group " + n + " on form " + id);
    });
  }

  /** Side of one QR module in millimetres. */
  public double qrModuleMm() {
    return barcode.w() / (17 + 4 * qrVersion);
  }

  /**
   * Centres of the QR finder patterns (top-left, top-right, bottom-left), 3.5 modules in from the
   * code's corners: the second way to register a page whose corner marks are lost.
   */
  public List<double[]> qrFinderCentres() {
    double inset = 3.5 * qrModuleMm();
    return List.of(new double[] {barcode.x() + inset, barcode.y() + inset},
        new double[] {barcode.x() + barcode.w() - inset, barcode.y() + inset},
        new double[] {barcode.x() + inset, barcode.y() + barcode.h() - inset});
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    return items.stream().collect(Collectors.toMap(name, Function.identity()));
  }
}
