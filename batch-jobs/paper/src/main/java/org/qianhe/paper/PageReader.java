package org.qianhe.paper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.Finding;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.ReviewStatus;
import org.qianhe.model.Severity;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.paper.check.Evidence;
import org.qianhe.paper.check.FieldChecks;
import org.qianhe.paper.check.PaperRecords;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.form.Vocabulary;
import org.qianhe.paper.image.Registration;
import org.qianhe.paper.ocr.OcrEngines;
import org.qianhe.paper.read.PageScanner;
import org.qianhe.paper.read.RawPage;
import org.qianhe.paper.scan.ManifestEntry;
import org.qianhe.paper.scan.ScanPage;

/**
 * Reads scanned pages of the standard paper consent form: registration and deskew, OCR of every
 * field by region, the QR code, tick boxes, the signature cut out as evidence; then every field is
 * cross-checked (QR code, manifest, code lists, second read, other fields) and the record the page
 * makes is validated by the model's rules. The decision is ACCEPT only when every field is
 * confirmed and no rule is broken; anything else is REVIEW, with the reasons.
 *
 * <p>Thread-safe: one reader per job, shared by its threads; it owns the OCR engines
 * ({@code qianhe.paper.ocr.engines}), so close it at the end.
 */
public final class PageReader implements AutoCloseable {

  private final PaperConfig config;
  private final FormTemplate form;
  private final OcrEngines engines;
  private final PageScanner scanner;
  private final FieldChecks checks;
  private final PaperRecords records;
  private final Clock clock;

  public PageReader(PaperConfig config) {
    this(config, FormTemplate.standard(), CodeLists.bundled(), Clock.systemUTC());
  }

  public PageReader(PaperConfig config, FormTemplate form, CodeLists codeLists, Clock clock) {
    this.config = config;
    this.form = form;
    this.engines = new OcrEngines(config);
    this.scanner = new PageScanner(config, form, Vocabulary.bundled(codeLists), engines);
    this.checks = new FieldChecks(form, codeLists, config);
    this.records = new PaperRecords(form, codeLists, config.clockSkew());
    this.clock = clock;
  }

  /**
   * Reads one page.
   *
   * @param manifest the vendor's manifest row for this page, if the batch has one
   */
  public PageResult read(ScanPage page, Optional<ManifestEntry> manifest) {
    RawPage raw = scanner.scan(page);
    if (raw.registration().isEmpty()) {
      return new PageResult(page.file(), page.page(), Decision.REVIEW,
          List.of(new ReviewReason(ReviewReason.NOT_REGISTERED, "")), Map.of(), List.of(), 0, ScanGeometry.NONE,
          Evidence.of(null, false, page.image(), config));
    }
    Registration.Result registration = raw.registration().get();
    Map<String, FieldResult> fields = checks.check(raw, manifest);
    PageEvidence evidence = Evidence.of(raw.signature(), raw.signed(), page.image(), config);
    double confidence = fields.values().stream().mapToDouble(FieldResult::confidence).min().orElse(0);
    List<EvidenceRef> refs = Evidence.refs(evidence);
    Instant now = clock.instant();
    List<Finding> findings = records.validate(PaperRecords.values(fields),
        new PaperLineage("", page.file(), page.page(), confidence, ReviewStatus.PENDING), now, refs);

    List<ReviewReason> reasons = new ArrayList<>();
    if (raw.code().isEmpty()) {
      reasons.add(new ReviewReason(ReviewReason.BARCODE_UNREADABLE, ""));
    }
    fields.values().stream().filter(f -> !f.confirmed())
        .forEach(f -> reasons.add(new ReviewReason(f.status().name(), f.name())));
    findings.stream().filter(f -> f.getSeverity() == Severity.ERROR)
        .forEach(f -> reasons.add(new ReviewReason("RULE_" + f.getCode(), f.getField())));
    ScanGeometry geometry = new ScanGeometry(registration.method().name(), registration.map().angleDegrees(),
        registration.map().dpi());
    return new PageResult(page.file(), page.page(), reasons.isEmpty() ? Decision.ACCEPT : Decision.REVIEW, reasons,
        fields, findings, confidence, geometry, evidence);
  }

  public FormTemplate form() {
    return form;
  }

  /** Builds the archive record of a page (after review, from corrected values). */
  public PaperRecords records() {
    return records;
  }

  @Override
  public void close() {
    engines.close();
  }
}
