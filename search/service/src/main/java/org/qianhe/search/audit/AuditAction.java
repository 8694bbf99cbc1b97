package org.qianhe.search.audit;

/** What an audit row records (table {@code search_audit_action}). */
public enum AuditAction {
  /** A search, a page of one, or the aggregations of one. */
  SEARCH,
  /** One consent's detail. */
  VIEW,
  /** An identity revealed, with the stated reason. */
  UNMASK,
  /** Photo or fingerprint evidence opened (not served yet: the evidence store belongs to another issue). */
  EVIDENCE_VIEW,
  /** A CSV export. */
  EXPORT,
  /** A refused attempt: wrong password, throttled login, missing role, region outside the scope, unmask without a reason. */
  DENIED,
  /** An account created or changed, or the chain verified, by an administrator. */
  ADMIN
}
