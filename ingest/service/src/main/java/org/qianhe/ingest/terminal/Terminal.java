package org.qianhe.ingest.terminal;

import java.time.Instant;

/** A registered signing terminal and the site it stands in. */
public record Terminal(String terminalId, String siteCode, String regionCode, TerminalStatus status,
    Instant createdAt, Instant updatedAt) {

  public boolean active() {
    return status == TerminalStatus.ACTIVE;
  }
}
