package org.qianhe.ingest.consent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.ingest.terminal.Terminal;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Receipt;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.model.people.PeopleProtector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts a well-formed upload: checks its terminal, turns it into the archived record (the one
 * step where identities are masked, indexed and sealed) and hands it to Kafka. The receipt is
 * only issued once Kafka has acknowledged the record (DESIGN.md section 6).
 */
@Service
class ConsentIntake {

  private static final Logger log = LoggerFactory.getLogger(ConsentIntake.class);

  private final TerminalRegistry terminals;
  private final PeopleProtector people;
  private final RawConsentProducer producer;
  private final Clock clock;
  private final long retryAfterSeconds;

  ConsentIntake(TerminalRegistry terminals, PeopleProtector people, RawConsentProducer producer,
      Clock clock, IngestProperties properties) {
    this.terminals = terminals;
    this.people = people;
    this.producer = producer;
    this.clock = clock;
    this.retryAfterSeconds = properties.retryAfterSeconds();
  }

  IngestReceipt accept(ConsentUpload upload) {
    String consentId = upload.getConsentId();
    checkTerminal(upload);

    // The record holds milliseconds (timestamp_ms): the receipt must name the same instant.
    Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String contentDigest = sha256Hex(ConsentJson.canonical(upload));
    ConsentRecord record = ConsentRecords.fromUpload(upload, receivedAt, people);
    record.setReceipt(Receipt.newBuilder().setContentDigest(contentDigest).setReceivedAt(receivedAt).build());

    try {
      producer.send(consentId, ConsentRecordCodec.encode(record));
    } catch (RawConsentProducer.NotAcknowledgedException e) {
      log.warn("consent {} not accepted: Kafka did not acknowledge ({})", consentId, e.getMessage());
      throw ConsentProblems.unavailable(retryAfterSeconds);
    }
    log.debug("consent {} accepted", consentId);
    return new IngestReceipt(consentId, contentDigest, receivedAt);
  }

  private void checkTerminal(ConsentUpload upload) {
    Optional<Terminal> terminal = terminals.find(upload.getTerminalId());
    TerminalRefusal refusal = terminal.isEmpty() ? TerminalRefusal.TERMINAL_UNKNOWN
        : terminal.get().active() ? null : TerminalRefusal.TERMINAL_REVOKED;
    if (refusal != null) {
      log.info("consent {} refused: {}", upload.getConsentId(), refusal);
      throw ConsentProblems.terminalRefused(refusal);
    }
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
