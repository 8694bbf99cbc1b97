package org.qianhe.review;

/** Where a page is in review. Staging is not a status: an approved page gets a staged time. */
public enum ReviewStatus {
  /** Waiting for a reviewer. */
  PENDING,
  /** A reviewer confirmed the values (corrected where needed); the job stages it, then marks it staged. */
  APPROVED,
  /** A reviewer refused the page (not a consent form, illegible, a duplicate...): it is never archived. */
  REJECTED
}
