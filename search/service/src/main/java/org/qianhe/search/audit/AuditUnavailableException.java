package org.qianhe.search.audit;

/**
 * The audit row could not be written, so the answer it was for must not be given. The
 * {@code ProblemResponses} render it as 503.
 */
public class AuditUnavailableException extends RuntimeException {

  AuditUnavailableException(Throwable cause) {
    // the cause's type only: a driver message may quote the row
    super("the audit log could not be written (" + cause.getClass().getSimpleName() + ")");
  }
}
