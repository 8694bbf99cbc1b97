package org.qianhe.review;

import java.time.Instant;
import java.util.List;
import org.qianhe.model.EvidenceRef;

/**
 * A page in the review queue, as the table holds it in clear: no value read from the form (open
 * them with {@link ReviewQueue#readValues} or {@link ReviewQueue#approvedValues}).
 *
 * @param correctedFields the fields whose value the reviewer changed (names only)
 * @param decidedAt       when it was approved or rejected; null while pending
 * @param stagedAt        when migrate-paper staged the approved record; null before
 */
public record ReviewItem(String consentId, String batch, String fileName, int page, String regionCode,
    ReviewStatus status, List<String> reasons, List<ReviewField> fields, double pageConfidence,
    String evidenceAddress, List<EvidenceRef> evidence, List<String> correctedFields, String reviewer,
    String rejectReason, Instant enqueuedAt, Instant decidedAt, Instant stagedAt) {

  public boolean staged() {
    return stagedAt != null;
  }
}
