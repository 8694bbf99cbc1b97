package org.qianhe.search.review;

import java.util.List;
import org.qianhe.review.ReviewItem;
import org.qianhe.search.evidence.EvidenceImage;

/**
 * One page under review as the reviewer sees it: the queue's row, each field with the value read
 * (identities masked), and the scan page and signature, watermarked for the reviewer.
 *
 * @param evidenceProblem why the scan cannot be shown, or null
 */
public record ReviewSheet(ReviewItem item, List<FieldRow> fields, List<EvidenceImage> images, String evidenceProblem) {

  /**
   * A field of the form.
   *
   * @param shown the value read; masked when it identifies a person (the page then offers an empty
   *              input: a correction is the whole value, typed)
   */
  public record FieldRow(String name, String shown, double confidence, String status, boolean identity) {

    public boolean doubtful() {
      return !"CONFIRMED".equals(status);
    }
  }
}
