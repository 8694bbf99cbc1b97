package org.qianhe.ingest.consent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.ingest.terminal.Terminal;
import org.qianhe.ingest.system.ProblemException;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.model.people.PeopleProtector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Accepts an authenticated, well-formed upload exactly once per consentId (DESIGN.md section 6):
 *
 * <ol>
 *   <li>look the consentId up in the {@link ConsentLedger}: accepted with the same content → the
 *       stored receipt again; with other content → 409; claimed by an upload in progress → 503;</li>
 *   <li>claim it (PENDING, with the signed receipt and the address its evidence will have), write the
 *       evidence encrypted and durably to the evidence store, turn the upload into the archived record
 *       — the one step where identities are masked, indexed and sealed — and produce it to Kafka;</li>
 *   <li>only after Kafka acknowledged, mark it ACCEPTED and answer with the receipt. When the store or
 *       Kafka fails, the evidence is deleted, the claim released, and the terminal told 503 with
 *       Retry-After. A crash in between leaves a PENDING claim naming its evidence, which the
 *       {@link ClaimReconciler} deletes after claim-timeout.</li>
 * </ol>
 */
@Service
class ConsentIntake {

  private static final Logger log = LoggerFactory.getLogger(ConsentIntake.class);
  private static final int CLAIM_ATTEMPTS = 3;

  private final UploadMetrics metrics;
  private final UploadAuthenticator authenticator;
  private final EvidenceCheck evidenceCheck;
  private final EvidenceStore store;
  private final ConsentLedger ledger;
  private final ReceiptSigner signer;
  private final CryptoSuite suite;
  private final PeopleProtector people;
  private final RawConsentProducer producer;
  private final Clock clock;
  private final Duration claimTimeout;
  private final long retryAfterSeconds;

  ConsentIntake(UploadMetrics metrics, UploadAuthenticator authenticator, EvidenceCheck evidenceCheck, EvidenceStore store,
      ConsentLedger ledger, ReceiptSigner signer, PeopleProtector people, RawConsentProducer producer, Clock clock,
      IngestProperties properties) {
    this.metrics = metrics;
    this.authenticator = authenticator;
    this.evidenceCheck = evidenceCheck;
    this.store = store;
    this.ledger = ledger;
    this.signer = signer;
    this.suite = properties.suite();
    this.people = people;
    this.producer = producer;
    this.clock = clock;
    this.claimTimeout = properties.claimTimeout();
    this.retryAfterSeconds = properties.retryAfterSeconds();
  }

  IngestReceipt accept(ReceivedUpload received) {
    ConsentUpload upload = received.consent();
    // what the terminal signed and what the content digest covers, from one canonical conversion
    UploadSignatures.Inputs canonical = UploadSignatures.inputs(upload);
    Terminal terminal = metrics.stage("authenticate").record(() -> authenticator.authenticate(upload, canonical.signing()));
    CryptoSuite terminalSuite = terminal.suite().orElseThrow();
    List<EvidenceItem> evidence = metrics.stage("evidence-check")
        .record(() -> evidenceCheck.check(upload, received.evidence(), terminalSuite));
    String consentId = upload.getConsentId();
    String digest = suite.digestHex(canonical.content());
    String address = store.address(consentId, upload.getEvidence());
    Claim claim;
    try {
      claim = metrics.stage("claim").record(() -> claim(upload, digest, address));
    } catch (DataAccessException e) {
      throw databaseUnavailable(consentId, e);
    }
    if (claim.replay()) {
      log.info("consent {} uploaded again: same receipt", consentId);
      metrics.accepted(true);
      return claim.receipt();
    }
    // Nothing may stay behind a consent that was not accepted: on any failure below, its evidence
    // (if written) is deleted with its claim. The address is the consent's own, never shared.
    try {
      long written = System.nanoTime();
      store.write(consentId, terminalSuite, evidence);
      metrics.stage("evidence-write").record(System.nanoTime() - written, java.util.concurrent.TimeUnit.NANOSECONDS);
      metrics.stage("kafka").record(() -> produce(upload, claim.receipt()));
    } catch (IOException e) {
      log.warn("consent {} not accepted: evidence store failed ({})", consentId, e.getClass().getSimpleName());
      release(consentId, claim.token(), address);
      throw ConsentProblems.unavailable(retryAfterSeconds);
    } catch (RuntimeException e) {
      release(consentId, claim.token(), address);
      throw e;
    }
    try {
      long accepting = System.nanoTime();
      boolean accepted = ledger.accept(consentId, claim.token(), clock.instant());
      metrics.stage("accept").record(System.nanoTime() - accepting, java.util.concurrent.TimeUnit.NANOSECONDS);
      if (!accepted) {
        // A retry took the claim over while Kafka was slow; the record is in Kafka all the same.
        log.warn("consent {} accepted after its claim was taken over", consentId);
      }
    } catch (DataAccessException e) {
      // In Kafka but not marked: the terminal retries, takes the stale claim over after
      // claim-timeout and gets this receipt (its second record is absorbed downstream).
      throw databaseUnavailable(consentId, e);
    }
    log.debug("consent {} accepted", consentId);
    metrics.accepted(false);
    return claim.receipt();
  }

  private Claim claim(ConsentUpload upload, String digest, String evidenceAddress) {
    String consentId = upload.getConsentId();
    for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      // Most uploads are new: claim first, look at the existing row only when there is one.
      // The record holds milliseconds (timestamp_ms): the receipt must name the same instant.
      IngestReceipt receipt = signer.sign(consentId, digest, now.truncatedTo(ChronoUnit.MILLIS));
      String token = UUID.randomUUID().toString();
      if (ledger.claim(new ConsentLedger.Entry(consentId, upload.getTerminalId(), digest,
          ConsentLedger.State.PENDING, token, now, receipt, List.of(evidenceAddress)))) {
        return new Claim(receipt, token);
      }
      Optional<ConsentLedger.Entry> existing = ledger.find(consentId);
      if (existing.isEmpty()) {
        continue; // released between our insert and our read
      }
      ConsentLedger.Entry entry = existing.get();
      if (!entry.contentDigest().equals(digest)) {
        log.info("consent {} refused: consentId known with other content", consentId);
        throw ConsentProblems.conflict();
      }
      if (entry.state() == ConsentLedger.State.ACCEPTED) {
        return new Claim(entry.receipt(), null);
      }
      if (entry.claimedAt().isAfter(now.minus(claimTimeout))) {
        log.info("consent {} refused for now: another upload of it is in progress", consentId);
        throw ConsentProblems.inProgress(retryAfterSeconds);
      }
      String takeover = UUID.randomUUID().toString();
      if (ledger.takeOver(consentId, entry.claimToken(), takeover, now)) {
        log.info("consent {}: took over a claim left since {}", consentId, entry.claimedAt());
        return new Claim(entry.receipt(), takeover); // same receipt: a record the stale upload produced is identical
      }
    }
    throw ConsentProblems.inProgress(retryAfterSeconds);
  }

  private void produce(ConsentUpload upload, IngestReceipt receipt) {
    ConsentRecord record = ConsentRecords.fromUpload(upload, receipt.receivedAt(), people);
    record.setReceipt(ReceiptSigner.toRecord(receipt));
    try {
      producer.send(upload.getConsentId(), ConsentRecordCodec.encode(record));
    } catch (RawConsentProducer.NotAcknowledgedException e) {
      log.warn("consent {} not accepted: Kafka did not acknowledge ({})", upload.getConsentId(), e.getMessage());
      throw ConsentProblems.unavailable(retryAfterSeconds);
    }
  }

  /** Deletes the evidence and then the claim, so no evidence is ever left without a claim naming it. */
  private void release(String consentId, String token, String evidenceAddress) {
    try {
      store.delete(evidenceAddress);
    } catch (IOException e) {
      // The claim stays and goes stale; the reconciler deletes the evidence it lists.
      log.warn("consent {}: evidence not deleted ({}); left to the reconciler", consentId, e.getClass().getSimpleName());
      return;
    }
    try {
      ledger.release(consentId, token);
    } catch (DataAccessException e) {
      // The claim goes stale; the next upload of this consent takes it over after claim-timeout.
      log.warn("consent {}: claim not released ({})", consentId, e.getClass().getSimpleName());
    }
  }

  /** Logged by type only: JDBC messages quote statements and values. */
  private ProblemException databaseUnavailable(String consentId, DataAccessException e) {
    log.warn("consent {} not accepted: database unavailable ({})", consentId, e.getClass().getSimpleName());
    return ConsentProblems.unavailable(retryAfterSeconds);
  }

  /** A held claim ({@code token} set) or the receipt of an earlier acceptance ({@code token} null). */
  private record Claim(IngestReceipt receipt, String token) {
    boolean replay() {
      return token == null;
    }
  }
}
