package org.qianhe.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.review.NewReview;
import org.qianhe.review.ReviewField;
import org.qianhe.review.ReviewQueue;
import org.qianhe.terminal.simulator.EvidenceSimulator;

/**
 * Pages under review as migrate-paper leaves them: a row in the queue of the service's database
 * (values sealed with ingest's key) and the scan page and signature in the evidence store. Each
 * call makes a new page, so tests do not share state.
 */
public final class TestReviews {

  public static final String CHILD_NAME = "欧阳小雨";
  public static final String CHILD_ID = "410102201901015678";
  public static final String GUARDIAN_PHONE = "13912345678";
  public static final String LOT_READ = "202405B12";
  /** What a reviewer types to correct the child's name. */
  public static final String CORRECTED_NAME = "欧阳晓雨";

  private final SearchFixture f;
  private final ReviewQueue queue;

  public TestReviews(SearchFixture f) {
    this.f = f;
    this.queue = new ReviewQueue(f.app().getBean(DataSource.class),
        new IdentitySealer(TestKeys.SEALING_KEY_ID, TestKeys.sealingKey()), Clock.systemUTC());
  }

  /** The identities on every page made here, and the correction: none may be logged. */
  public static List<String> rawIdentities() {
    return List.of(CHILD_NAME, CHILD_ID, GUARDIAN_PHONE, CORRECTED_NAME);
  }

  public ReviewQueue queue() {
    return queue;
  }

  /** A new pending page of the region whose lot number the reader doubted. */
  public String pending(String regionCode) throws IOException {
    return pending(regionCode, true);
  }

  /** The same; with {@code scanStored} false, its scan never reached the evidence store. */
  public String pending(String regionCode, boolean scanStored) throws IOException {
    String consentId = UUID.randomUUID().toString();
    String batch = "B2025-07";
    String file = "box3/" + consentId.substring(0, 8) + ".pdf";
    byte[] page = TestScans.page(batch + " " + file);
    byte[] signature = EvidenceSimulator.signature(consentId.hashCode());
    List<EvidenceItem> items = List.of(item(EvidenceKind.SCAN, consentId, page), item(EvidenceKind.SIGNATURE, consentId, signature));
    String address = scanStored ? f.storeEvidence(consentId, items) : "0".repeat(64);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("childName", CHILD_NAME);
    values.put("childId", CHILD_ID);
    values.put("guardianPhone", GUARDIAN_PHONE);
    values.put("vaccineCode", "0201");
    values.put("lotNumber", LOT_READ);
    values.put("doseNumber", "2");
    values.put("siteCode", regionCode + "001");
    List<ReviewField> fields = List.of(
        new ReviewField("childName", 0.97, "CONFIRMED", true),
        new ReviewField("childId", 0.99, "CONFIRMED", true),
        new ReviewField("guardianPhone", 0.95, "CONFIRMED", true),
        new ReviewField("vaccineCode", 0.99, "CONFIRMED", false),
        new ReviewField("lotNumber", 0.61, "DISAGREES", false),
        new ReviewField("doseNumber", 0.98, "CONFIRMED", false),
        new ReviewField("siteCode", 0.99, "CONFIRMED", false));
    queue.enqueue(new NewReview(consentId, batch, file, 1, regionCode, List.of("DISAGREES:lotNumber"), fields, 0.61,
        values, address, items.stream().map(EvidenceItem::ref).toList()));
    return consentId;
  }

  private static EvidenceItem item(EvidenceKind kind, String consentId, byte[] png) {
    return new EvidenceItem(EvidenceRef.newBuilder().setKind(kind)
        .setEvidenceId(TestConsents.SUITE.digestHex((consentId + "/" + kind).getBytes(StandardCharsets.UTF_8)).substring(0, 32))
        .setDigest(TestConsents.SUITE.digestHex(png)).setMediaType("image/png").setSizeBytes(png.length).build(), png);
  }
}
