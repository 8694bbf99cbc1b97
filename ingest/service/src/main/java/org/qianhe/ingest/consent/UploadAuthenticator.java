package org.qianhe.ingest.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.ingest.terminal.Terminal;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.TerminalSignature;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.model.crypto.VerificationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Proves that an upload comes from the registered, active terminal it names: the signature over
 * the canonical upload (evidence digests and the request timestamp included) verifies with that
 * terminal's key, and the request was signed within the window around the server clock. The
 * window bounds how long a captured request can be replayed; a replay inside it only gets the
 * receipt of the consent it carries (uploads are idempotent on consentId).
 *
 * <p>The consent's own {@code occurredAt} is not checked here: a terminal offline for days signs
 * its old consents afresh when it uploads them.
 */
@Component
class UploadAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(UploadAuthenticator.class);

  private final TerminalRegistry terminals;
  private final Clock clock;
  private final Duration window;

  UploadAuthenticator(TerminalRegistry terminals, Clock clock, IngestProperties properties) {
    this.terminals = terminals;
    this.clock = clock;
    this.window = properties.requestWindow();
  }

  /**
   * The terminal the upload comes from, or a 401/403 problem naming the reason; {@code signingInput}
   * is the upload's {@link UploadSignatures#signingInput}, taken by the caller together with the
   * content input (one conversion of the upload for both).
   */
  Terminal authenticate(ConsentUpload upload, byte[] signingInput) {
    Optional<Terminal> found = terminals.find(upload.getTerminalId());
    if (found.isEmpty()) {
      throw refuse(upload, TerminalRefusal.TERMINAL_UNKNOWN);
    }
    Terminal terminal = found.get();
    if (!terminal.active()) {
      throw refuse(upload, TerminalRefusal.TERMINAL_REVOKED);
    }
    if (terminal.publicKey().isEmpty() || terminal.suite().isEmpty()) {
      throw refuse(upload, TerminalRefusal.TERMINAL_KEY_MISSING);
    }
    CryptoSuite suite = terminal.suite().get();
    VerificationKey key = terminal.publicKey().get();
    TerminalSignature signature = upload.getSignature();
    if (signature == null) {
      throw refuse(upload, TerminalRefusal.SIGNATURE_MISSING);
    }
    if (!suite.signatureAlgorithm().equals(signature.getAlgorithm())) {
      throw refuse(upload, TerminalRefusal.SIGNATURE_ALGORITHM_MISMATCH);
    }
    if (!key.keyId().equals(signature.getKeyId())) {
      throw refuse(upload, TerminalRefusal.SIGNATURE_KEY_UNKNOWN);
    }
    if (signature.getSignedAt() == null) {
      throw refuse(upload, TerminalRefusal.TIMESTAMP_MISSING);
    }
    if (!UploadSignatures.verify(upload, signingInput, suite, key)) {
      throw refuse(upload, TerminalRefusal.SIGNATURE_INVALID);
    }
    // Checked after the signature, so that only the terminal itself learns that its clock is off.
    Instant now = clock.instant();
    Instant signedAt = signature.getSignedAt();
    if (signedAt.isBefore(now.minus(window)) || signedAt.isAfter(now.plus(window))) {
      throw refuse(upload, TerminalRefusal.TIMESTAMP_OUTSIDE_WINDOW);
    }
    // Also signed, hence checked last: a terminal must not file consents under another site.
    if (!terminal.siteCode().equals(upload.getSiteCode()) || !terminal.regionCode().equals(upload.getRegionCode())) {
      throw refuse(upload, TerminalRefusal.TERMINAL_SITE_MISMATCH);
    }
    return terminal;
  }

  private static RuntimeException refuse(ConsentUpload upload, TerminalRefusal refusal) {
    log.info("consent {} refused: {}", LogSafe.consentId(upload.getConsentId()), refusal);
    return ConsentProblems.terminalRefused(refusal);
  }
}
