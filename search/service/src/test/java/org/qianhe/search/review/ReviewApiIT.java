package org.qianhe.search.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.review.ReviewItem;
import org.qianhe.review.ReviewStatus;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.qianhe.search.TestReviews;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The review queue over the REST API (HTTP Basic, REVIEWER): the same scope, rules and audit as the page. */
@ExtendWith(SearchFixtureExtension.class)
class ReviewApiIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static TestReviews reviews;

  @BeforeAll
  static void queue(SearchFixture f) {
    reviews = new TestReviews(f);
  }

  @Test
  void aReviewerListsThePendingPagesOfTheirRegionsWithoutAnyValueRead(SearchFixture f) throws Exception {
    String zhengzhou = reviews.pending("410102");
    String luoyang = reviews.pending("410305");

    HttpResponse<String> henan = f.get(SearchFixture.REVIEWER, "/v1/review");
    HttpResponse<String> ly = f.get(SearchFixture.LUOYANG_REVIEWER, "/v1/review");
    HttpResponse<String> analyst = f.get(SearchFixture.ZHENGZHOU, "/v1/review");

    assertThat(henan.statusCode()).isEqualTo(200);
    assertThat(ids(henan)).contains(zhengzhou, luoyang);
    assertThat(ids(ly)).contains(luoyang).doesNotContain(zhengzhou);
    assertThat(henan.body()).doesNotContain(TestReviews.LOT_READ).doesNotContain(TestReviews.CHILD_NAME)
        .doesNotContain(TestReviews.CHILD_ID);
    assertThat(analyst.statusCode()).isEqualTo(403);
  }

  @Test
  void anApprovalWithACorrectionReachesTheTableAndAnUnknownFieldChangesNothing(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");
    long before = f.lastAuditSeq();

    HttpResponse<String> unknownField = postJson(f, SearchFixture.REVIEWER, "/v1/review/" + consentId + "/approve",
        "{\"corrections\":{\"noSuchField\":\"x\"}}");
    HttpResponse<String> approved = postJson(f, SearchFixture.REVIEWER, "/v1/review/" + consentId + "/approve",
        "{\"corrections\":{\"lotNumber\":\"202405B13\"}}");
    HttpResponse<String> again = postJson(f, SearchFixture.REVIEWER, "/v1/review/" + consentId + "/approve", "{}");

    assertThat(unknownField.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknownField.body()).path("type").asString()).isEqualTo("urn:qianhe:problem:review-invalid");
    assertThat(approved.statusCode()).isEqualTo(200);
    JsonNode summary = JSON.readTree(approved.body());
    assertThat(summary.path("status").asString()).isEqualTo("APPROVED");
    assertThat(summary.path("correctedFields").get(0).asString()).isEqualTo("lotNumber");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(reviews.queue().approvedValues(consentId)).containsEntry("lotNumber", "202405B13");
    assertThat(f.auditSince(before)).extracting(AuditRecord::action)
        .containsExactly(AuditAction.DENIED, AuditAction.REVIEW_APPROVE, AuditAction.DENIED);
  }

  @Test
  void aRejectionNeedsAReasonAndOnlyReviewersOfTheRegionDecide(SearchFixture f) throws Exception {
    String consentId = reviews.pending("410102");

    HttpResponse<String> officer = f.postForm(SearchFixture.OFFICER, "/v1/review/" + consentId + "/reject",
        Map.of("reason", "not a consent form"));
    HttpResponse<String> otherRegion = f.postForm(SearchFixture.LUOYANG_REVIEWER, "/v1/review/" + consentId + "/reject",
        Map.of("reason", "not a consent form"));
    HttpResponse<String> noReason = f.postForm(SearchFixture.REVIEWER, "/v1/review/" + consentId + "/reject", Map.of());
    assertThat(reviews.queue().find(consentId).orElseThrow().status()).isEqualTo(ReviewStatus.PENDING);
    HttpResponse<String> rejected = postJson(f, SearchFixture.REVIEWER, "/v1/review/" + consentId + "/reject",
        "{\"reason\":\"not a consent form\"}");

    assertThat(officer.statusCode()).isEqualTo(403);
    assertThat(otherRegion.statusCode()).isEqualTo(404);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(rejected.statusCode()).isEqualTo(200);
    ReviewItem row = reviews.queue().find(consentId).orElseThrow();
    assertThat(row.status()).isEqualTo(ReviewStatus.REJECTED);
    assertThat(row.rejectReason()).isEqualTo("not a consent form");
  }

  private static java.util.List<String> ids(HttpResponse<String> listing) {
    return JSON.readTree(listing.body()).path("items").valueStream().map(i -> i.path("consentId").asString()).toList();
  }

  private static HttpResponse<String> postJson(SearchFixture f, String user, String path, String json) {
    return f.send(f.request(user, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }
}
