package org.qianhe.search.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an account may do (DESIGN.md section 5). Roles combine: an administrator who also traces
 * holds ADMIN and ANALYST. ADMIN alone sees no consent: managing accounts and reading the audit
 * log is kept apart from reading data.
 */
public enum Role {
  /** Searches, views and exports masked consents of the account's regions. */
  ANALYST,
  /** Everything an analyst does, and reveals an identity after stating a reason (audited). */
  TRACE_OFFICER,
  /** Reads masked consents of the account's regions to review paper migrations. */
  REVIEWER,
  /** Manages accounts, reads and verifies the audit log. */
  ADMIN;

  /** Roles that may read masked consents. */
  public static final Set<Role> READERS = EnumSet.of(ANALYST, TRACE_OFFICER, REVIEWER);

  /** Spring Security's authority name, {@code ROLE_<name>}. */
  public String authority() {
    return "ROLE_" + name();
  }

  /** The role names Spring Security's {@code hasAnyRole} takes. */
  static String[] readerNames() {
    return READERS.stream().map(Enum::name).toArray(String[]::new);
  }
}
