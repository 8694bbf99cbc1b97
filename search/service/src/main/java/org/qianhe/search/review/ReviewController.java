package org.qianhe.search.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.qianhe.review.ReviewItem;
import org.qianhe.review.ReviewPage;
import org.qianhe.search.security.Analyst;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The review queue for scripts (REVIEWER, HTTP Basic): {@code GET /v1/review} lists the pending
 * pages of the caller's regions, {@code POST /v1/review/{id}/approve} approves one with
 * corrections, {@code POST /v1/review/{id}/reject} rejects one with a reason. The same rules and
 * audit as the page ({@link ReviewDesk}); the scan and the values read are shown on the page only.
 */
@RestController
class ReviewController {

  /** A page of the queue: no value read from the form. */
  record Listing(long total, int offset, List<Summary> items) {}

  /** What the queue holds in clear about a page, and what was decided. */
  record Summary(String consentId, String batch, String fileName, int page, String regionCode, double pageConfidence,
      List<String> reasons, String status, List<String> correctedFields, String reviewer, Instant enqueuedAt,
      Instant decidedAt) {

    static Summary of(ReviewItem i) {
      return new Summary(i.consentId(), i.batch(), i.fileName(), i.page(), i.regionCode(), i.pageConfidence(), i.reasons(),
          i.status().name(), i.correctedFields(), i.reviewer(), i.enqueuedAt(), i.decidedAt());
    }
  }

  /** The JSON body of an approval: new values by field name (the whole value; absent fields keep the value read). */
  record Approval(Map<String, String> corrections) {}

  /** The JSON body of a rejection. */
  record Rejection(String reason) {}

  private final ReviewDesk desk;

  ReviewController(ReviewDesk desk) {
    this.desk = desk;
  }

  @GetMapping(path = "/v1/review", produces = MediaType.APPLICATION_JSON_VALUE)
  Listing pending(@AuthenticationPrincipal Analyst who, @RequestParam(name = "from", defaultValue = "0") int from) {
    ReviewPage page = desk.pending(who, from);
    return new Listing(page.total(), page.offset(), page.items().stream().map(Summary::of).toList());
  }

  @PostMapping(path = "/v1/review/{consentId}/approve", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Summary approve(@AuthenticationPrincipal Analyst who, @PathVariable String consentId, @RequestBody(required = false) Approval body) {
    Map<String, String> corrections = body == null || body.corrections() == null ? Map.of() : body.corrections();
    return Summary.of(desk.approve(who, consentId, corrections));
  }

  @PostMapping(path = "/v1/review/{consentId}/reject", produces = MediaType.APPLICATION_JSON_VALUE)
  Summary rejectForm(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @RequestParam(name = "reason", required = false) String reason) {
    return Summary.of(desk.reject(who, consentId, reason));
  }

  @PostMapping(path = "/v1/review/{consentId}/reject", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Summary rejectJson(@AuthenticationPrincipal Analyst who, @PathVariable String consentId, @RequestBody Rejection body) {
    return Summary.of(desk.reject(who, consentId, body == null ? null : body.reason()));
  }
}
