package org.qianhe.review;

/**
 * A review operation refused, with what went wrong as a {@link Problem} (the reviewer page answers
 * 400, 404 or 409 from it). Messages name consentIds and field names, never values.
 */
public final class ReviewException extends RuntimeException {

  public enum Problem {
    /** The request itself is malformed (blank reviewer, unknown field, value too long...). */
    INVALID,
    /** No page under review has that consentId. */
    NOT_FOUND,
    /** The page is not in the state the operation needs (approved twice, rejected after approval...). */
    CONFLICT
  }

  private final Problem problem;

  public ReviewException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new ReviewException(Problem.INVALID, message);
    }
  }
}
