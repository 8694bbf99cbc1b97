package org.qianhe.review;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qianhe.model.EvidenceRef;

/**
 * A page migrate-paper sends to review.
 *
 * @param regionCode      6 digits, or "" when the site code could not be read (then only reviewers
 *                        of every region, scope {@code *}, see the page)
 * @param reasons         why it is not accepted, e.g. {@code DISAGREES:lotNumber}
 * @param values          every field's value as read, by field name (sealed before it is stored)
 * @param evidenceAddress the evidence store's address of the page's encrypted scan and signature
 */
public record NewReview(String consentId, String batch, String fileName, int page, String regionCode,
    List<String> reasons, List<ReviewField> fields, double pageConfidence, Map<String, String> values,
    String evidenceAddress, List<EvidenceRef> evidence) {

  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern REGION = Pattern.compile("(\\d{6})?");

  public NewReview {
    ReviewException.require(consentId != null && UUID.matcher(consentId).matches(), "consentId must be a lowercase UUID");
    ReviewException.require(batch != null && !batch.isBlank() && batch.length() <= 200, "batch must be 1 to 200 characters");
    ReviewException.require(fileName != null && !fileName.isBlank() && fileName.length() <= 500, "file name must be 1 to 500 characters");
    ReviewException.require(page >= 1, "page numbers start at 1");
    ReviewException.require(regionCode != null && REGION.matcher(regionCode).matches(), "region code must be 6 digits or empty");
    ReviewException.require(reasons != null && !reasons.isEmpty(), "a page goes to review for a reason");
    ReviewException.require(pageConfidence >= 0 && pageConfidence <= 1, "page confidence must be between 0 and 1");
    ReviewException.require(values != null && !values.isEmpty(), "a page under review needs the values read");
    ReviewException.require(evidenceAddress != null && evidenceAddress.length() <= 128, "evidence address must be at most 128 characters");
    reasons = List.copyOf(reasons);
    fields = List.copyOf(fields);
    values = Map.copyOf(values);
    evidence = List.copyOf(evidence);
  }

  @Override
  public String toString() {
    // values hold names and ID numbers in clear: never printed
    return "NewReview[" + consentId + " " + batch + "/" + fileName + "#" + page + " " + reasons + "]";
  }
}
