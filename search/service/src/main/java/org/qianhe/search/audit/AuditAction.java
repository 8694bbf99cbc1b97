package org.qianhe.search.audit;

/** What an audit row records (table {@code search_audit_action}). */
public enum AuditAction {
  /** A search, a page of one, or the aggregations of one. */
  SEARCH,
  /** One consent's detail. */
  VIEW,
  /** An identity revealed, with the stated reason. */
  UNMASK,
  /** Evidence (photo, fingerprint, signature, scan) shown to a trace officer, with the stated reason. */
  EVIDENCE_VIEW,
  /** A CSV export. */
  EXPORT,
  /** A refused attempt: wrong password, throttled login, missing role, region outside the scope, unmask without a reason. */
  DENIED,
  /** An account created or changed, or the chain verified, by an administrator. */
  ADMIN,
  /** The paper review queue listed, or one page under review opened (with its scan), by a reviewer. */
  REVIEW_VIEW,
  /** A page under review approved, with the names of the corrected fields. */
  REVIEW_APPROVE,
  /** A page under review rejected, with the reviewer's reason. */
  REVIEW_REJECT,
  /** Audit rows past the retention period removed from the start of the chain ({@link AuditRetention}). */
  RETENTION
}
