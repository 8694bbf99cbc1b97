package org.qianhe.ingest.consent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.system.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cleans up after uploads that crashed between claiming their consent and finishing: a PENDING
 * claim older than claim-timeout is taken over (so a retry arriving now cannot be working on it at
 * the same time), its evidence deleted, then the claim released. The terminal never got a receipt
 * for it and retries from its queue, which writes everything again. Also deletes temporary files a
 * crashed write left in the store.
 *
 * <p>Should the crash have happened after Kafka acknowledged, the record is in Kafka without
 * evidence until that retry rewrites the same evidence object (same address); the retry is certain
 * because the terminal holds the consent until it has a receipt.
 */
@Component
class ClaimReconciler {

  private static final Logger log = LoggerFactory.getLogger(ClaimReconciler.class);
  private static final int BATCH = 100;

  private final ConsentLedger ledger;
  private final EvidenceStore store;
  private final Clock clock;
  private final Duration claimTimeout;

  ClaimReconciler(ConsentLedger ledger, EvidenceStore store, Clock clock, IngestProperties properties) {
    this.ledger = ledger;
    this.store = store;
    this.clock = clock;
    this.claimTimeout = properties.claimTimeout();
  }

  @Scheduled(fixedDelayString = "${qianhe.ingest.evidence.reconcile-interval:1m}",
      initialDelayString = "${qianhe.ingest.evidence.reconcile-interval:1m}")
  void reconcileOnSchedule() {
    try {
      reconcile();
    } catch (DataAccessException | IOException e) {
      log.warn("reconciliation failed ({}); retried at the next run", e.getClass().getSimpleName());
    }
  }

  /** Returns how many abandoned claims were cleaned up. */
  int reconcile() throws IOException {
    Instant now = clock.instant();
    Instant staleBefore = now.minus(claimTimeout);
    int cleaned = 0;
    List<ConsentLedger.Entry> stale;
    do {
      stale = ledger.pendingSince(staleBefore, BATCH);
      for (ConsentLedger.Entry entry : stale) {
        String token = UUID.randomUUID().toString();
        if (!ledger.takeOver(entry.consentId(), entry.claimToken(), token, now)) {
          continue; // a retry took it over first and is finishing it
        }
        for (String address : entry.evidence()) {
          store.delete(address);
        }
        if (ledger.release(entry.consentId(), token)) {
          cleaned++;
          log.info("consent {}: abandoned claim from {} cleaned up with its evidence", entry.consentId(), entry.claimedAt());
        }
      }
    } while (stale.size() == BATCH);
    store.sweepTemporary(staleBefore);
    return cleaned;
  }
}
