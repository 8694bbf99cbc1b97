package org.qianhe.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.review.ReviewException.Problem;

/** The queue's behaviour, run on PostgreSQL ({@link ReviewQueueIT}) and on H2 in PostgreSQL mode ({@link ReviewQueueH2Test}). */
abstract class ReviewQueueContract {

  static final String CHILD_NAME = "欧阳梓涵";
  static final String CHILD_ID = "410105201903071234";
  static final String GUARDIAN_NAME = "欧阳建国";
  static final String GUARDIAN_PHONE = "13812345678";

  private final IdentitySealer sealer = new IdentitySealer("ingest-seal-test", randomKey());
  private DataSource dataSource;
  private ReviewQueue queue;

  /** A fresh, empty database (schema) for each test. */
  abstract DataSource freshDatabase() throws Exception;

  @BeforeEach
  void openQueue() throws Exception {
    dataSource = freshDatabase();
    queue = new ReviewQueue(dataSource, sealer, Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void enqueuedPageIsPendingWithItsCleanColumnsAndSealedValues() {
    NewReview review = review(1, "410105");

    assertThat(queue.enqueue(review)).isTrue();

    ReviewItem item = queue.find(review.consentId()).orElseThrow();
    assertThat(item.status()).isEqualTo(ReviewStatus.PENDING);
    assertThat(item).extracting(ReviewItem::batch, ReviewItem::fileName, ReviewItem::page, ReviewItem::regionCode)
        .containsExactly("batch-2026-11", "box1/form-0001.pdf", 1, "410105");
    assertThat(item.reasons()).containsExactly("DISAGREES:lotNumber", "LOW_CONFIDENCE:guardianName");
    assertThat(item.fields()).containsExactlyElementsOf(review.fields());
    assertThat(item.evidence()).containsExactlyElementsOf(review.evidence());
    assertThat(item.evidenceAddress()).isEqualTo("ab".repeat(32));
    assertThat(item.pageConfidence()).isEqualTo(0.42);
    assertThat(item.enqueuedAt()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
    assertThat(item.decidedAt()).isNull();
    assertThat(item.staged()).isFalse();
    assertThat(queue.readValues(review.consentId())).isEqualTo(review.values());
  }

  @Test
  void enqueueingTheSamePageAgainNeitherDoublesItNorUndoesADecision() throws Exception {
    NewReview review = review(1, "410105");
    queue.enqueue(review);
    queue.approve(review.consentId(), Map.of(), "reviewer1");

    assertThat(queue.enqueue(review)).isFalse();

    assertThat(rows()).isEqualTo(1);
    assertThat(queue.find(review.consentId()).orElseThrow().status()).isEqualTo(ReviewStatus.APPROVED);
  }

  @Test
  void noRawNameIdOrPhoneInAnyColumn() throws Exception {
    NewReview review = review(1, "410105");
    queue.enqueue(review);
    queue.approve(review.consentId(), Map.of("childName", "欧阳子涵"), "reviewer1");

    List<String> forbidden = List.of(CHILD_NAME, "欧阳子涵", CHILD_ID, GUARDIAN_NAME, GUARDIAN_PHONE, "LOT-X");
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT * FROM paper_review")) {
      ResultSetMetaData meta = rs.getMetaData();
      assertThat(rs.next()).isTrue();
      for (int col = 1; col <= meta.getColumnCount(); col++) {
        int type = meta.getColumnType(col);
        boolean binary = type == java.sql.Types.BINARY || type == java.sql.Types.VARBINARY
            || type == java.sql.Types.LONGVARBINARY;
        byte[] raw = binary ? rs.getBytes(col) : null;
        String text = binary ? (raw == null ? "" : new String(raw, StandardCharsets.UTF_8)) : String.valueOf(rs.getString(col));
        for (String value : forbidden) {
          assertThat(text).as("column %s", meta.getColumnName(col)).doesNotContain(value);
        }
      }
    }
  }

  @Test
  void pendingListsOnlyTheReviewersRegionsOldestFirstWithPaging() {
    queue.enqueue(review(1, "410105"));
    queue.enqueue(review(2, "410102"));
    queue.enqueue(review(3, "410205"));
    queue.enqueue(review(4, ""));

    assertThat(regions(queue.pending(Set.of("4101"), 0, 10))).containsExactlyInAnyOrder("410105", "410102");
    assertThat(regions(queue.pending(Set.of("410205", "410102"), 0, 10))).containsExactlyInAnyOrder("410205", "410102");
    assertThat(regions(queue.pending(Set.of("*"), 0, 10))).containsExactlyInAnyOrder("410105", "410102", "410205", "");
    assertThat(queue.pending(Set.of(), 0, 10).items()).isEmpty();
    assertThat(queue.pending(Set.of("42"), 0, 10).total()).isZero();

    ReviewPage first = queue.pending(Set.of("41"), 0, 2);
    ReviewPage second = queue.pending(Set.of("41"), 2, 2);
    assertThat(first.total()).isEqualTo(3);
    assertThat(first.items()).hasSize(2);
    assertThat(second.items()).hasSize(1);
    List<String> all = new ArrayList<>(first.items().stream().map(ReviewItem::consentId).toList());
    all.addAll(second.items().stream().map(ReviewItem::consentId).toList());
    assertThat(all).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void decidedPagesLeaveThePendingList() {
    NewReview approved = review(1, "410105");
    NewReview rejected = review(2, "410105");
    queue.enqueue(approved);
    queue.enqueue(rejected);
    queue.enqueue(review(3, "410105"));

    queue.approve(approved.consentId(), Map.of(), "reviewer1");
    queue.reject(rejected.consentId(), "not a consent form", "reviewer1");

    assertThat(queue.pending(Set.of("*"), 0, 10).items()).extracting(ReviewItem::page).containsExactly(3);
  }

  @Test
  void approvalAppliesCorrectionsAndTheJobStagesIt() {
    NewReview review = review(1, "410105");
    queue.enqueue(review);

    ReviewItem item = queue.approve(review.consentId(),
        Map.of("lotNumber", " 202405B12 ", "guardianName", GUARDIAN_NAME), "reviewer1");

    assertThat(item.status()).isEqualTo(ReviewStatus.APPROVED);
    assertThat(item.reviewer()).isEqualTo("reviewer1");
    assertThat(item.decidedAt()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
    assertThat(item.correctedFields()).as("only what changed").containsExactly("lotNumber");
    Map<String, String> expected = new LinkedHashMap<>(review.values());
    expected.put("lotNumber", "202405B12");
    assertThat(queue.approvedValues(review.consentId())).isEqualTo(expected);
    assertThat(queue.readValues(review.consentId())).as("what was read is kept").isEqualTo(review.values());

    assertThat(queue.approvedNotStaged(10)).extracting(ReviewItem::consentId).containsExactly(review.consentId());
    assertThat(queue.markStaged(review.consentId())).isTrue();
    assertThat(queue.markStaged(review.consentId())).as("a restarted job marks again").isFalse();
    assertThat(queue.approvedNotStaged(10)).isEmpty();
    assertThat(queue.find(review.consentId()).orElseThrow().staged()).isTrue();
  }

  @Test
  void rejectionKeepsReasonAndReviewer() {
    NewReview review = review(1, "410105");
    queue.enqueue(review);

    ReviewItem item = queue.reject(review.consentId(), "  page is a duplicate of another scan ", "reviewer2");

    assertThat(item.status()).isEqualTo(ReviewStatus.REJECTED);
    assertThat(item.rejectReason()).isEqualTo("page is a duplicate of another scan");
    assertThat(item.reviewer()).isEqualTo("reviewer2");
    assertThat(queue.approvedNotStaged(10)).isEmpty();
  }

  @Test
  void unknownPagesAreNotFound() {
    String unknown = UUID.randomUUID().toString();

    assertProblem(() -> queue.approve(unknown, Map.of(), "reviewer1"), Problem.NOT_FOUND);
    assertProblem(() -> queue.reject(unknown, "illegible", "reviewer1"), Problem.NOT_FOUND);
    assertProblem(() -> queue.markStaged(unknown), Problem.NOT_FOUND);
    assertProblem(() -> queue.readValues(unknown), Problem.NOT_FOUND);
    assertThat(queue.find(unknown)).isEmpty();
  }

  @Test
  void aDecidedPageCannotBeDecidedAgain() {
    NewReview review = review(1, "410105");
    queue.enqueue(review);
    queue.approve(review.consentId(), Map.of("lotNumber", "202405B12"), "reviewer1");

    assertProblem(() -> queue.approve(review.consentId(), Map.of("lotNumber", "OTHER"), "reviewer2"), Problem.CONFLICT);
    assertProblem(() -> queue.reject(review.consentId(), "changed my mind", "reviewer2"), Problem.CONFLICT);

    ReviewItem item = queue.find(review.consentId()).orElseThrow();
    assertThat(item.status()).isEqualTo(ReviewStatus.APPROVED);
    assertThat(item.reviewer()).isEqualTo("reviewer1");
    assertThat(queue.approvedValues(review.consentId())).containsEntry("lotNumber", "202405B12");
  }

  @Test
  void aRejectedPageCannotBeApprovedNorStaged() {
    NewReview review = review(1, "410105");
    queue.enqueue(review);
    queue.reject(review.consentId(), "illegible", "reviewer1");

    assertProblem(() -> queue.approve(review.consentId(), Map.of(), "reviewer1"), Problem.CONFLICT);
    assertProblem(() -> queue.markStaged(review.consentId()), Problem.CONFLICT);
    assertProblem(() -> queue.approvedValues(review.consentId()), Problem.CONFLICT);
    assertThat(queue.find(review.consentId()).orElseThrow().status()).isEqualTo(ReviewStatus.REJECTED);
  }

  @Test
  void aPendingPageCannotBeMarkedStaged() {
    NewReview review = review(1, "410105");
    queue.enqueue(review);

    assertProblem(() -> queue.markStaged(review.consentId()), Problem.CONFLICT);
    assertProblem(() -> queue.approvedValues(review.consentId()), Problem.CONFLICT);
    assertThat(queue.find(review.consentId()).orElseThrow().staged()).isFalse();
  }

  @Test
  void malformedDecisionsAreRefusedAndChangeNothing() {
    NewReview review = review(1, "410105");
    queue.enqueue(review);
    String id = review.consentId();

    assertProblem(() -> queue.approve(id, Map.of("notAField", "x"), "reviewer1"), Problem.INVALID);
    assertProblem(() -> queue.approve(id, Map.of("lotNumber", "x".repeat(201)), "reviewer1"), Problem.INVALID);
    assertProblem(() -> queue.approve(id, Map.of(), " "), Problem.INVALID);
    assertProblem(() -> queue.approve(id, null, "reviewer1"), Problem.INVALID);
    assertProblem(() -> queue.reject(id, "", "reviewer1"), Problem.INVALID);
    assertProblem(() -> queue.reject(id, "x".repeat(501), "reviewer1"), Problem.INVALID);
    assertProblem(() -> queue.reject(id, "illegible", null), Problem.INVALID);

    ReviewItem item = queue.find(id).orElseThrow();
    assertThat(item.status()).isEqualTo(ReviewStatus.PENDING);
    assertThat(item.reviewer()).isNull();
    assertThat(queue.readValues(id)).isEqualTo(review.values());
  }

  @Test
  void malformedQueriesAndPagesAreRefused() throws Exception {
    assertProblem(() -> queue.pending(Set.of("41%"), 0, 10), Problem.INVALID);
    assertProblem(() -> queue.pending(Set.of("4101050"), 0, 10), Problem.INVALID);
    assertProblem(() -> queue.pending(Set.of("41"), -1, 10), Problem.INVALID);
    assertProblem(() -> queue.pending(Set.of("41"), 0, 0), Problem.INVALID);
    assertProblem(() -> queue.approvedNotStaged(ReviewQueue.MAX_PAGE_SIZE + 1), Problem.INVALID);
    assertProblem(() -> review(0, "410105"), Problem.INVALID);
    assertProblem(() -> review(1, "41010x"), Problem.INVALID);
    assertProblem(() -> new NewReview("not-a-uuid", "b", "f.pdf", 1, "410105", List.of("X"), List.of(), 0.5,
        Map.of("a", "b"), "", List.of()), Problem.INVALID);
    assertProblem(() -> new NewReview(UUID.randomUUID().toString(), "b", "f.pdf", 1, "410105", List.of(), List.of(), 0.5,
        Map.of("a", "b"), "", List.of()), Problem.INVALID);
    assertThat(rows()).isZero();
  }

  @Test
  void sealedValuesOpenOnlyWithTheKeyAndForTheirOwnPage() throws Exception {
    NewReview first = review(1, "410105");
    NewReview second = review(2, "410105");
    queue.enqueue(first);
    queue.enqueue(second);

    ReviewQueue otherKey = new ReviewQueue(dataSource, new IdentitySealer("ingest-seal-other", randomKey()), Clock.systemUTC());
    assertThatThrownBy(() -> otherKey.readValues(first.consentId())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(CHILD_NAME);

    // copying one page's sealed values onto another does not open: the consentId is bound to them
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE paper_review SET read_values = (SELECT read_values FROM paper_review WHERE consent_id = '"
          + first.consentId() + "') WHERE consent_id = '" + second.consentId() + "'");
    }
    assertThatThrownBy(() -> queue.readValues(second.consentId())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be opened");
  }

  @Test
  void twoReviewersDecidingAtOnceGetOneSuccessAndOneConflict() throws Exception {
    NewReview review = review(1, "410105");
    queue.enqueue(review);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Callable<ReviewItem>> decisions = List.of(
          () -> queue.approve(review.consentId(), Map.of(), "reviewer1"),
          () -> queue.reject(review.consentId(), "illegible", "reviewer2"));
      int succeeded = 0;
      int conflicts = 0;
      for (Future<ReviewItem> result : pool.invokeAll(decisions)) {
        try {
          result.get();
          succeeded++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ReviewException.class);
          assertThat(((ReviewException) e.getCause()).problem()).isEqualTo(Problem.CONFLICT);
          conflicts++;
        }
      }
      assertThat(succeeded).isEqualTo(1);
      assertThat(conflicts).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void skipLogKeepsOneEntryPerFileAndPage() {
    SkipLog log = new SkipLog(dataSource, Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC));

    assertThat(log.record("batch-1", "box1/broken.pdf", 0, "CORRUPT_PDF", "box1/broken.pdf: CORRUPT_PDF (no header)")).isTrue();
    assertThat(log.record("batch-1", "box1/broken.pdf", 0, "CORRUPT_PDF", "again, after a restart")).isFalse();
    assertThat(log.record("batch-1", "scan.tif", 3, "UNREADABLE_IMAGE", "scan.tif page 3")).isTrue();
    assertThat(log.record("batch-2", "box1/broken.pdf", 0, "CORRUPT_PDF", "another batch")).isTrue();
    assertThat(log.record("batch-1", "bad\u0000name.png", 0, "PATH_TRAVERSAL", "x")).isTrue();

    assertThat(log.of("batch-1")).extracting(SkipLog.Entry::fileName, SkipLog.Entry::page, SkipLog.Entry::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bad?name.png", 0, "PATH_TRAVERSAL"),
            org.assertj.core.groups.Tuple.tuple("box1/broken.pdf", 0, "CORRUPT_PDF"),
            org.assertj.core.groups.Tuple.tuple("scan.tif", 3, "UNREADABLE_IMAGE"));
    assertThat(log.of("batch-1").get(1).detail()).isEqualTo("box1/broken.pdf: CORRUPT_PDF (no header)");
    assertProblem(() -> log.record("batch-1", "f.pdf", -1, "X", ""), Problem.INVALID);
    assertProblem(() -> log.record("batch-1", "f.pdf", 1, "", ""), Problem.INVALID);
  }

  private long rows() throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM paper_review")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> regions(ReviewPage page) {
    return page.items().stream().map(ReviewItem::regionCode).toList();
  }

  private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Problem problem) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ReviewException.class, e -> {
      assertThat(e.problem()).isEqualTo(problem);
      assertThat(e.getMessage()).doesNotContain(CHILD_NAME, CHILD_ID, GUARDIAN_NAME, GUARDIAN_PHONE);
    });
  }

  static NewReview review(int page, String region) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("formId", "QH-" + region + "-" + page);
    values.put("childName", CHILD_NAME);
    values.put("childId", CHILD_ID);
    values.put("guardianName", GUARDIAN_NAME);
    values.put("guardianPhone", GUARDIAN_PHONE);
    values.put("lotNumber", "LOT-X");
    List<ReviewField> fields = List.of(new ReviewField("childName", 0.91, "CONFIRMED", true),
        new ReviewField("guardianName", 0.41, "LOW_CONFIDENCE", true), new ReviewField("lotNumber", 0.88, "DISAGREES", false));
    EvidenceRef scan = EvidenceRef.newBuilder().setKind(EvidenceKind.SCAN).setEvidenceId("e".repeat(32))
        .setDigest("d".repeat(64)).setMediaType("image/jpeg").setSizeBytes(123_456).build();
    String consentId = UUID.nameUUIDFromBytes(("review-test:" + region + ":" + page).getBytes(StandardCharsets.UTF_8)).toString();
    return new NewReview(consentId, "batch-2026-11", "box1/form-000" + page + ".pdf", page, region,
        List.of("DISAGREES:lotNumber", "LOW_CONFIDENCE:guardianName"), fields, 0.42, values, "ab".repeat(32), List.of(scan));
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
