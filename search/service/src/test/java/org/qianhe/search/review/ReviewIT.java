package org.qianhe.search.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.review.ReviewItem;
import org.qianhe.review.ReviewStatus;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.qianhe.search.TestReviews;
import org.qianhe.search.UiSession;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditRecord;

/**
 * The reviewer page of the paper migration against the real queue table (migrated by the
 * service at startup, in its PostgreSQL schema) and the real evidence store: who may review, in
 * which regions, what they see, and that a decision reaches the table with its audit row.
 */
@ExtendWith(SearchFixtureExtension.class)
class ReviewIT {

  private static TestReviews reviews;

  @BeforeAll
  static void queue(SearchFixture f) {
    reviews = new TestReviews(f);
  }

  @Test
  void theServiceMigratedTheQueueTableAtStartupWithItsOwnHistory(SearchFixture f) throws Exception {
    try (Connection c = DriverManager.getConnection(f.jdbcUrl(), "postgres", ""); Statement s = c.createStatement();
         ResultSet versions = s.executeQuery("SELECT version FROM flyway_history_review WHERE success ORDER BY installed_rank")) {
      assertThat(versions.next()).as("the review queue's own history table").isTrue();
    }
  }

  @Test
  void aReviewerListsThePendingPagesOfTheirRegionsOnly(SearchFixture f) throws Exception {
    String zhengzhou = reviews.pending("410102");
    String luoyang = reviews.pending("410305");

    String henan = UiSession.login(f, SearchFixture.REVIEWER).get("/review").body();
    String ly = UiSession.login(f, SearchFixture.LUOYANG_REVIEWER).get("/review").body();
    long before = f.lastAuditSeq();
    HttpResponse<String> shanghai = UiSession.login(f, SearchFixture.SHANGHAI_REVIEWER).get("/review");

    assertThat(henan).contains("data-consent-id=\"" + zhengzhou + "\"").contains("data-consent-id=\"" + luoyang + "\"");
    assertThat(ly).contains("data-consent-id=\"" + luoyang + "\"").doesNotContain(zhengzhou);
    assertThat(shanghai.statusCode()).isEqualTo(200);
    assertThat(shanghai.body()).doesNotContain("review-item").doesNotContain(zhengzhou).doesNotContain(luoyang);
    assertThat(f.auditSince(before)).filteredOn(r -> r.username().equals(SearchFixture.SHANGHAI_REVIEWER))
        .extracting(AuditRecord::action, AuditRecord::resultCount).containsExactly(tuple(AuditAction.REVIEW_VIEW, 0L));
  }

  @Test
  void aReviewerSeesTheWatermarkedScanBesideTheValuesWithIdentitiesMasked(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");
    UiSession reviewer = UiSession.login(f, SearchFixture.REVIEWER);
    long before = f.lastAuditSeq();

    HttpResponse<String> page = reviewer.get("/review/" + consentId);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    assertThat(page.body()).contains("id=\"scan-SCAN\"").contains("src=\"data:image/jpeg;base64,")
        .contains("id=\"scan-SIGNATURE\"").contains("DISAGREES:lotNumber")
        .contains(TestReviews.LOT_READ).contains("欧**").contains("4101**********5678")
        .doesNotContain(TestReviews.CHILD_NAME).doesNotContain(TestReviews.CHILD_ID).doesNotContain(TestReviews.GUARDIAN_PHONE);
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.REVIEW_VIEW);
      assertThat(r.target()).isEqualTo(consentId);
      assertThat(r.summary()).isEqualTo("review page opened (PENDING, 2 image(s))");
    });
  }

  @Test
  void aPageWhoseScanIsNotInTheStoreSaysSoAndCanStillBeRejected(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102", false);
    UiSession reviewer = UiSession.login(f, SearchFixture.REVIEWER);

    HttpResponse<String> page = reviewer.get("/review/" + consentId);
    HttpResponse<String> rejected = reviewer.post("/review/" + consentId + "/reject", "/review/" + consentId,
        Map.of("reason", "scan missing from the evidence store"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"scan-problem\"").contains("the evidence store holds no scan of this page")
        .doesNotContain("data:image");
    assertThat(rejected.statusCode()).isEqualTo(302);
    assertThat(reviews.queue().find(consentId).orElseThrow().status()).isEqualTo(ReviewStatus.REJECTED);
  }

  @Test
  void anApprovalWithACorrectedValueReachesTheTableAndIsAudited(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");
    UiSession reviewer = UiSession.login(f, SearchFixture.REVIEWER);
    long before = f.lastAuditSeq();

    HttpResponse<String> approved = reviewer.post("/review/" + consentId + "/approve", "/review/" + consentId,
        Map.of("value.lotNumber", "202405B13", "value.doseNumber", "2", "value.childName", ""));

    assertThat(approved.statusCode()).isEqualTo(302);
    assertThat(approved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/review"));
    ReviewItem row = reviews.queue().find(consentId).orElseThrow();
    assertThat(row.status()).isEqualTo(ReviewStatus.APPROVED);
    assertThat(row.reviewer()).isEqualTo(SearchFixture.REVIEWER);
    assertThat(row.correctedFields()).containsExactly("lotNumber");
    Map<String, String> values = reviews.queue().approvedValues(consentId);
    assertThat(values).containsEntry("lotNumber", "202405B13").containsEntry("doseNumber", "2")
        .containsEntry("childName", TestReviews.CHILD_NAME);
    assertThat(f.auditSince(before)).filteredOn(r -> r.action() == AuditAction.REVIEW_APPROVE).singleElement()
        .satisfies(r -> {
          assertThat(r.target()).isEqualTo(consentId);
          assertThat(r.summary()).isEqualTo("review approved; corrected: lotNumber").doesNotContain("202405B13");
        });
    assertThat(reviewer.get("/review").body()).doesNotContain("data-consent-id=\"" + consentId + "\"");
  }

  @Test
  void aRejectionNeedsAReasonAndADecisionIsTakenOnce(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");
    UiSession reviewer = UiSession.login(f, SearchFixture.REVIEWER);
    long before = f.lastAuditSeq();

    HttpResponse<String> noReason = reviewer.post("/review/" + consentId + "/reject", "/review/" + consentId, Map.of("reason", " "));
    assertThat(reviews.queue().find(consentId).orElseThrow().status()).isEqualTo(ReviewStatus.PENDING);
    HttpResponse<String> rejected = reviewer.post("/review/" + consentId + "/reject", "/review/" + consentId,
        Map.of("reason", "page belongs to another form"));
    HttpResponse<String> again = reviewer.post("/review/" + consentId + "/approve", "/review/" + consentId, Map.of());

    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("id=\"problem\"");
    assertThat(rejected.statusCode()).isEqualTo(302);
    assertThat(again.statusCode()).isEqualTo(409);
    ReviewItem row = reviews.queue().find(consentId).orElseThrow();
    assertThat(row.status()).isEqualTo(ReviewStatus.REJECTED);
    assertThat(row.rejectReason()).isEqualTo("page belongs to another form");
    assertThat(f.auditSince(before)).filteredOn(r -> r.action() != AuditAction.REVIEW_VIEW)
        .extracting(AuditRecord::action, AuditRecord::summary)
        .containsExactly(
            tuple(AuditAction.DENIED, "review reject refused: INVALID"),
            tuple(AuditAction.REVIEW_REJECT, "review rejected"),
            tuple(AuditAction.DENIED, "review approve refused: CONFLICT"));
  }

  @Test
  void analystsAndTraceOfficersCannotReviewAndEachAttemptIsAudited(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");
    long before = f.lastAuditSeq();

    for (String user : List.of(SearchFixture.ZHENGZHOU, SearchFixture.OFFICER)) {
      UiSession session = UiSession.login(f, user);
      assertThat(session.get("/review").statusCode()).isEqualTo(403);
      HttpResponse<String> approve = session.post("/review/" + consentId + "/approve", "/search", Map.of("value.lotNumber", "X1"));
      assertThat(approve.statusCode()).isEqualTo(403);
    }

    assertThat(reviews.queue().find(consentId).orElseThrow().status()).isEqualTo(ReviewStatus.PENDING);
    assertThat(f.auditSince(before)).filteredOn(r -> r.action() == AuditAction.DENIED)
        .extracting(AuditRecord::username, AuditRecord::summary)
        .containsExactly(
            tuple(SearchFixture.ZHENGZHOU, "forbidden: GET /review"),
            tuple(SearchFixture.ZHENGZHOU, "forbidden: POST /review/" + consentId + "/approve"),
            tuple(SearchFixture.OFFICER, "forbidden: GET /review"),
            tuple(SearchFixture.OFFICER, "forbidden: POST /review/" + consentId + "/approve"));
  }

  @Test
  void aDecisionWithoutTheFormsCsrfTokenIsRefused(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");
    UiSession reviewer = UiSession.login(f, SearchFixture.REVIEWER);

    HttpResponse<String> forged = f.send(f.request(null, "/review/" + consentId + "/approve").header("Cookie", reviewer.cookie())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(SearchFixture.form(Map.of("value.lotNumber", "X1")))).build());

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(reviews.queue().find(consentId).orElseThrow().status()).isEqualTo(ReviewStatus.PENDING);
  }

  @Test
  void aReviewerOfAnotherRegionNeitherSeesNorDecidesAPage(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");
    UiSession luoyang = UiSession.login(f, SearchFixture.LUOYANG_REVIEWER);
    long before = f.lastAuditSeq();

    HttpResponse<String> open = luoyang.get("/review/" + consentId);
    HttpResponse<String> approve = luoyang.post("/review/" + consentId + "/approve", "/review", Map.of("value.lotNumber", "X1"));

    assertThat(open.statusCode()).isEqualTo(404);
    assertThat(open.body()).doesNotContain("data:image").doesNotContain(TestReviews.LOT_READ);
    assertThat(approve.statusCode()).isEqualTo(404);
    assertThat(reviews.queue().find(consentId).orElseThrow().status()).isEqualTo(ReviewStatus.PENDING);
    assertThat(f.auditSince(before)).filteredOn(r -> r.action() == AuditAction.DENIED).extracting(AuditRecord::summary)
        .containsExactly("review refused: no such page in scope", "review approve refused: no such page in scope");
  }

  @Test
  void whenTheAuditLogCannotBeWrittenTheApprovalIsNotKept(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");
    UiSession reviewer = UiSession.login(f, SearchFixture.REVIEWER);
    String token = UiSession.csrf(reviewer.get("/review/" + consentId).body());
    ddl(f, "ALTER TABLE search_audit_head RENAME TO search_audit_head_away");
    HttpResponse<String> approve;
    try {
      approve = f.send(f.request(null, "/review/" + consentId + "/approve").header("Cookie", reviewer.cookie())
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(SearchFixture.form(Map.of("_csrf", token,
              "value.lotNumber", "202405B13")))).build());
    } finally {
      ddl(f, "ALTER TABLE search_audit_head_away RENAME TO search_audit_head");
    }

    assertThat(approve.statusCode()).isEqualTo(503);
    assertThat(reviews.queue().find(consentId).orElseThrow().status()).as("no decision without its audit row")
        .isEqualTo(ReviewStatus.PENDING);
  }

  private static void ddl(SearchFixture f, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(f.jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
