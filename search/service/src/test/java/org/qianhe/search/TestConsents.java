package org.qianhe.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.Processing;
import org.qianhe.model.ReviewStatus;
import org.qianhe.model.Source;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.simulator.ConsentGenerator;
import org.qianhe.terminal.simulator.EvidenceSimulator;
import org.qianhe.terminal.simulator.SimulatedCapture;

/**
 * The test data set: consents from the terminal simulator across ten Henan districts (regions
 * 4101 Zhengzhou, 4102, 4103 Luoyang, 4105, 4107, 4113), a few children with several doses
 * (one child's history), and a few paper-scanned ones. Deterministic. Every consent has its
 * evidence bytes as a terminal captures them (fingerprint template and photo, or a signature
 * image); a paper-scanned one has its scan page and the signature cut out of it.
 *
 * @param uploads what the terminals sent, raw identities included: index i belongs to records(i)
 * @param evidence the evidence bytes of each consent, by consentId, matching its references' digests
 */
public record TestConsents(List<ConsentUpload> uploads, List<ConsentRecord> records,
    Map<String, List<EvidenceItem>> evidence) {

  /** The suite the evidence digests are computed with (the search service's default). */
  public static final CryptoSuite SUITE = CryptoSuites.GM;

  /** 18:00 UTC is 02:00 the next day in Shanghai: the generated six hours span two clinic days. */
  public static final Instant NOW = Instant.parse("2025-06-15T18:00:00Z");
  public static final int GENERATED = 400;
  /** Children with a history: each has its first consent plus {@link #EXTRA_DOSES} earlier ones. */
  public static final int CHILDREN_WITH_HISTORY = 3;
  public static final int EXTRA_DOSES = 2;
  public static final int PAPER = 5;

  public static TestConsents generate() {
    PeopleProtector protector = TestKeys.protector();
    ConsentGenerator generator = new ConsentGenerator(2025, NOW);
    List<ConsentUpload> uploads = new ArrayList<>();
    Map<String, List<EvidenceItem>> evidence = new LinkedHashMap<>();
    for (int i = 0; i < GENERATED; i++) {
      ConsentUpload upload = generator.next();
      if (i >= GENERATED - PAPER) {
        upload = scanned(upload, i, evidence);
      } else {
        Submission captured = SimulatedCapture.of(upload, SUITE);
        upload = captured.upload();
        evidence.put(upload.getConsentId(), items(upload.getEvidence(), captured.evidence()));
      }
      uploads.add(upload);
    }
    for (int c = 0; c < CHILDREN_WITH_HISTORY; c++) {
      ConsentUpload first = uploads.get(c);
      for (int d = 1; d <= EXTRA_DOSES; d++) {
        uploads.add(ConsentUpload.newBuilder(first)
            .setConsentId(UUID.nameUUIDFromBytes((first.getConsentId() + "/" + d).getBytes(StandardCharsets.UTF_8)).toString())
            .setOccurredAt(first.getOccurredAt().minus(Duration.ofDays(30L * d)))
            .build());
        ConsentUpload earlier = uploads.get(uploads.size() - 1);
        evidence.put(earlier.getConsentId(), evidence.get(first.getConsentId()));
      }
    }
    List<ConsentRecord> records = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      ConsentRecord record = ConsentRecords.fromUpload(uploads.get(i), NOW, protector);
      if (i >= GENERATED - PAPER && i < GENERATED) {
        record = ConsentRecord.newBuilder(record).setSource(Source.PAPER_SCAN).setTerminalId(null)
            .setSignature(null)
            .setProcessing(Processing.newBuilder().setPaper(PaperLineage.newBuilder().setScanBatch("B2025-06")
                .setFile("box1/" + i + ".tiff").setPage(1).setOcrConfidence(0.97)
                .setReviewStatus(ReviewStatus.APPROVED).build()).build())
            .build();
      }
      records.add(record);
    }
    return new TestConsents(uploads, records, evidence);
  }

  /** A paper consent's evidence: the scan page (PNG) and the guardian's signature cut out of it. */
  private static ConsentUpload scanned(ConsentUpload upload, int index, Map<String, List<EvidenceItem>> evidence) {
    byte[] page = TestScans.page("B2025-06 box1/" + index + ".tiff");
    byte[] signature = EvidenceSimulator.signature(index);
    List<EvidenceItem> items = List.of(item(EvidenceKind.SCAN, upload.getConsentId(), page),
        item(EvidenceKind.SIGNATURE, upload.getConsentId(), signature));
    evidence.put(upload.getConsentId(), items);
    return ConsentUpload.newBuilder(upload).setConfirmationMethod(ConfirmationMethod.E_PEN).setBiometricConsent(false)
        .setEvidence(items.stream().map(EvidenceItem::ref).toList()).build();
  }

  private static EvidenceItem item(EvidenceKind kind, String consentId, byte[] png) {
    String digest = SUITE.digestHex(png);
    return new EvidenceItem(EvidenceRef.newBuilder().setKind(kind).setEvidenceId(SUITE.digestHex(
        (consentId + "/" + kind).getBytes(StandardCharsets.UTF_8)).substring(0, 32))
        .setDigest(digest).setMediaType("image/png").setSizeBytes(png.length).build(), png);
  }

  private static List<EvidenceItem> items(List<EvidenceRef> refs, Map<String, byte[]> bytes) {
    return refs.stream().map(r -> new EvidenceItem(r, bytes.get(r.getEvidenceId()))).toList();
  }

  public ConsentRecord record(String consentId) {
    return records.stream().filter(r -> r.getConsentId().equals(consentId)).findFirst().orElseThrow();
  }

  public List<String> ids(Predicate<ConsentRecord> filter) {
    return records.stream().filter(filter).map(ConsentRecord::getConsentId).toList();
  }

  public ConsentUpload uploadOf(ConsentRecord record) {
    return uploads.get(records.indexOf(record));
  }

  /** Every raw identity value: none may appear in an answer, a log or the index. */
  public List<String> rawIdentities() {
    List<String> raw = new ArrayList<>();
    for (ConsentUpload u : uploads) {
      raw.add(u.getChild().getName());
      raw.add(u.getChild().getIdNumber());
      raw.add(u.getGuardian().getName());
      raw.add(u.getGuardian().getIdNumber());
      raw.add(u.getGuardian().getPhone());
    }
    return raw;
  }
}
