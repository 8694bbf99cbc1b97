package org.qianhe.batch.paper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.ReviewStatus;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.paper.FieldResult;
import org.qianhe.paper.FieldStatus;
import org.qianhe.paper.PageEvidence;
import org.qianhe.paper.PageResult;
import org.qianhe.paper.check.Evidence;
import org.qianhe.paper.check.PaperRecords;
import org.qianhe.paper.form.CheckboxGroup;
import org.qianhe.paper.form.FieldSpec;
import org.qianhe.paper.scan.Manifest;
import org.qianhe.paper.scan.ScanDocument;
import org.qianhe.paper.scan.ScanPage;
import org.qianhe.paper.scan.ScanRejectedException;
import org.qianhe.review.NewReview;
import org.qianhe.review.ReviewField;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reads every page of one scan file: the page is read (OCR, barcode, checks), its scan and
 * signature are encrypted into the evidence store, and it becomes a record (ACCEPT) or a page for
 * review (REVIEW). A file that cannot be opened throws {@link ScanRejectedException}, which the
 * step's skip policy skips into the skip log; a page that cannot be decoded is skipped alone.
 */
final class PageReading implements ItemProcessor<String, FileOutcome> {

  /** Reason of a page whose accepted values still do not make a record (a reader bug; never silently dropped). */
  static final String RECORD_INCOMPLETE = "RECORD_INCOMPLETE";

  private final PaperServices services;
  private final Path batchDir;
  private final String batch;
  private final Manifest manifest;

  PageReading(PaperServices services, Path batchDir, Manifest manifest) {
    this.services = services;
    this.batchDir = batchDir;
    this.batch = PaperBatch.name(batchDir);
    this.manifest = manifest;
  }

  @Override
  public FileOutcome process(String file) throws ScanRejectedException {
    List<ConsentRecord> accepted = new ArrayList<>();
    List<NewReview> reviews = new ArrayList<>();
    List<ScanRejectedException> skipped = new ArrayList<>();
    int pages;
    try (ScanDocument document = services.opener().open(batchDir, file)) {
      pages = document.pageCount();
      for (int number = 1; number <= pages; number++) {
        PageResult result;
        try {
          ScanPage page = document.page(number);
          result = services.reader().read(page, manifest.find(file, number));
        } catch (ScanRejectedException e) {
          skipped.add(e);
          continue;
        }
        handle(result, accepted, reviews);
      }
    }
    return new FileOutcome(file, pages, accepted, reviews, skipped);
  }

  private void handle(PageResult page, List<ConsentRecord> accepted, List<NewReview> reviews) {
    Instant now = Instant.now();
    FieldResult formId = page.fields().get("formId");
    boolean idConfirmed = formId != null && formId.status() == FieldStatus.CONFIRMED;
    String consentId = idConfirmed ? PaperRecords.consentId(formId.value()) : pageConsentId(page);
    List<EvidenceRef> refs = Evidence.refs(page.evidence());
    String address = storeEvidence(consentId, page.evidence(), refs);
    List<String> reasons = page.reviewReasons().stream().map(Object::toString).toList();
    if (page.accepted() && idConfirmed) {
      try {
        accepted.add(services.reader().records().toRecord(PaperRecords.values(page),
            new PaperLineage(batch, page.file(), page.page(), page.confidence(), ReviewStatus.NOT_NEEDED), now,
            services.keys().protector(), refs));
        return;
      } catch (IllegalArgumentException e) {
        reasons = List.of(RECORD_INCOMPLETE);
      }
    }
    reviews.add(new NewReview(consentId, batch, page.file(), page.page(), region(page), reasons, fields(page),
        page.confidence(), values(page), address, refs));
  }

  /** One object per page holding its signature and scan, at the store's keyed address of the consentId. */
  private String storeEvidence(String consentId, PageEvidence evidence, List<EvidenceRef> refs) {
    if (refs.isEmpty()) {
      return "";
    }
    List<EvidenceItem> items = new ArrayList<>();
    for (EvidenceRef ref : refs) {
      items.add(new EvidenceItem(ref, ref.getKind() == EvidenceKind.SIGNATURE ? evidence.signaturePng() : evidence.pageImage()));
    }
    try {
      // paper evidence digests are SHA-256 (Evidence.ref): the INTL suite's digest
      return services.evidence().write(consentId, CryptoSuites.INTL, items).address();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evidence of a page to the evidence store", e);
    }
  }

  /** For a page whose form id is not confirmed: stable over reruns, distinct per page of the batch. */
  private String pageConsentId(PageResult page) {
    return UUID.nameUUIDFromBytes(("qianhe-paper-page:" + batch + "/" + page.file() + "#" + page.page())
        .getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** Every field of the form, "" where nothing was read, so the reviewer can fill in any of them. */
  private Map<String, String> values(PageResult page) {
    Map<String, String> values = new LinkedHashMap<>();
    for (FieldSpec field : services.reader().form().fields()) {
      values.put(field.name(), page.value(field.name()));
    }
    for (CheckboxGroup group : services.reader().form().checkboxGroups()) {
      values.put(group.name(), page.value(group.name()));
    }
    return values;
  }

  private List<ReviewField> fields(PageResult page) {
    List<ReviewField> fields = new ArrayList<>();
    for (FieldSpec spec : services.reader().form().fields()) {
      FieldResult field = page.fields().get(spec.name());
      fields.add(field == null ? new ReviewField(spec.name(), 0, FieldStatus.MISSING.name(), spec.identity())
          : new ReviewField(spec.name(), clamp(field.confidence()), field.status().name(), field.identity()));
    }
    for (CheckboxGroup group : services.reader().form().checkboxGroups()) {
      FieldResult field = page.fields().get(group.name());
      fields.add(field == null ? new ReviewField(group.name(), 0, FieldStatus.MISSING.name(), false)
          : new ReviewField(group.name(), clamp(field.confidence()), field.status().name(), false));
    }
    return fields;
  }

  /** The region whose reviewers see the page: from the site code read, "" when it is not six digits. */
  private static String region(PageResult page) {
    String site = page.value("siteCode");
    return site.length() >= 6 && site.substring(0, 6).chars().allMatch(Character::isDigit) ? site.substring(0, 6) : "";
  }

  private static double clamp(double confidence) {
    return Math.max(0, Math.min(1, confidence));
  }
}
