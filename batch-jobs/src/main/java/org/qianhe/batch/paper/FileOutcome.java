package org.qianhe.batch.paper;

import java.util.List;
import org.qianhe.model.ConsentRecord;
import org.qianhe.paper.scan.ScanRejectedException;
import org.qianhe.review.NewReview;

/**
 * What one scan file gave: records of the accepted pages (to stage and index), pages for review,
 * and pages that could not be read (for the skip log). Holds no image: the evidence is already in
 * the evidence store when this exists.
 */
record FileOutcome(String file, int pages, List<ConsentRecord> accepted, List<NewReview> reviews,
    List<ScanRejectedException> skippedPages) {

  FileOutcome {
    accepted = List.copyOf(accepted);
    reviews = List.copyOf(reviews);
    skippedPages = List.copyOf(skippedPages);
  }

  @Override
  public String toString() {
    return "FileOutcome[" + org.qianhe.paper.scan.SafeNames.forLog(file) + ": " + pages + " pages, " + accepted.size()
        + " accepted, " + reviews.size() + " review, " + skippedPages.size() + " skipped]";
  }
}
