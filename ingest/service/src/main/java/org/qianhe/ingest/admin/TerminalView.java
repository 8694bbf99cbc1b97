package org.qianhe.ingest.admin;

import java.time.Instant;
import org.qianhe.ingest.terminal.Terminal;

/** A terminal as the administration endpoint shows it; {@code publicKey} is base64 SubjectPublicKeyInfo. */
record TerminalView(String terminalId, String siteCode, String regionCode, String status, String cryptoSuite,
    String keyId, String publicKey, Instant createdAt, Instant updatedAt, Instant revokedAt) {

  static TerminalView of(Terminal terminal) {
    return new TerminalView(terminal.terminalId(), terminal.siteCode(), terminal.regionCode(),
        terminal.status().name(), terminal.suite().map(s -> s.name()).orElse(null),
        terminal.publicKey().map(k -> k.keyId()).orElse(null), terminal.publicKey().map(k -> k.base64()).orElse(null),
        terminal.createdAt(), terminal.updatedAt(), terminal.revokedAt().orElse(null));
  }
}
