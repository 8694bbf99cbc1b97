package org.qianhe.search.audit;

import java.util.Objects;

/**
 * What a caller asks the audit log to record.
 *
 * @param username who acted; {@code (unknown)} for a login with a name that has no account
 *                 (people type passwords into the name field, so such names are not recorded)
 * @param target the consent or account acted on, or null
 * @param summary what was asked, never a raw identifier (people appear as blind-index keys)
 * @param resultCount how many consents the answer holds (0 for a refusal)
 * @param reason a trace officer's stated reason, or null
 */
public record AuditEvent(String username, AuditAction action, String target, String summary, long resultCount,
    String reason) {

  public static final String UNKNOWN_USER = "(unknown)";
  static final int SUMMARY_MAX = 1000;
  static final int REASON_MAX = 500;

  public AuditEvent {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(summary, "summary");
    summary = clip(summary, SUMMARY_MAX);
    reason = reason == null ? null : clip(reason, REASON_MAX);
  }

  public static AuditEvent of(String username, AuditAction action, String summary, long resultCount) {
    return new AuditEvent(username, action, null, summary, resultCount, null);
  }

  public static AuditEvent denied(String username, String target, String summary) {
    return new AuditEvent(username, AuditAction.DENIED, target, summary, 0, null);
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
