package org.qianhe.ingest.terminal;

import java.time.Instant;
import java.util.Optional;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.VerificationKey;

/**
 * A registered signing terminal: the site it stands in, the public key its uploads are signed
 * with and that key's suite. {@code publicKey} is empty only for terminals registered before
 * uploads were signed; such a terminal cannot upload until it is registered again with a key.
 */
public record Terminal(String terminalId, String siteCode, String regionCode, TerminalStatus status,
    Optional<CryptoSuite> suite, Optional<VerificationKey> publicKey, Instant createdAt, Instant updatedAt,
    Optional<Instant> revokedAt) {

  public boolean active() {
    return status == TerminalStatus.ACTIVE;
  }
}
