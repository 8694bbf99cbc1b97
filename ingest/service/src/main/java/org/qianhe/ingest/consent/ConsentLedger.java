package org.qianhe.ingest.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every consentId ingest has claimed or accepted, with its content digest and receipt (table
 * {@code consent_receipt}). A claim is held by a random token, so only the upload that holds it
 * can accept or release it, even after another upload took over a stale claim.
 *
 * <p>A plain component, not a {@code @Repository}: JdbcClient already throws Spring's
 * {@code DataAccessException}s, and the exception-translation proxy a repository gets would only
 * add a reflective call to each of the two statements of every upload.
 */
@Component
class ConsentLedger {

  enum State { PENDING, ACCEPTED }

  /** One row; {@code evidence} lists the evidence store addresses written under the claim. */
  record Entry(String consentId, String terminalId, String contentDigest, State state, String claimToken,
      Instant claimedAt, IngestReceipt receipt, List<String> evidence) {}

  private final JdbcClient jdbc;

  ConsentLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Entry> find(String consentId) {
    return jdbc.sql("SELECT * FROM consent_receipt WHERE consent_id = :id")
        .param("id", consentId).query(ConsentLedger::entry).optional();
  }

  /**
   * Claims the consentId; false when a row for it exists already. One statement: most uploads are
   * new, so trying the insert first saves a round trip, and {@code ON CONFLICT DO NOTHING} (PostgreSQL,
   * and H2 in its PostgreSQL mode) answers a repeat without an error in the server log.
   *
   * <p>This and {@link #accept} run for every upload, so their parameters are positional: named
   * ones are parsed, substituted and looked up in a map at each call (a quarter of the ledger's
   * CPU in a profile of the benchmark).
   */
  boolean claim(Entry entry) {
    try {
      return jdbc.sql("""
              INSERT INTO consent_receipt (consent_id, terminal_id, content_digest, state, claim_token, claimed_at,
                                           received_at, receipt_algorithm, receipt_key_id, receipt_signature, evidence)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT DO NOTHING""")
          .params(entry.consentId(), entry.terminalId(), entry.contentDigest(), State.PENDING.name(), entry.claimToken(),
              at(entry.claimedAt()), at(entry.receipt().receivedAt()), entry.receipt().signature().algorithm(),
              entry.receipt().signature().keyId(), entry.receipt().signature().value(), String.join(" ", entry.evidence()))
          .update() == 1;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Takes over a PENDING claim still held by {@code staleToken}; false when someone else moved first. */
  boolean takeOver(String consentId, String staleToken, String token, Instant now) {
    return jdbc.sql("""
            UPDATE consent_receipt SET claim_token = :token, claimed_at = :now
            WHERE consent_id = :id AND claim_token = :stale AND state = 'PENDING'""")
        .param("token", token).param("now", at(now)).param("id", consentId).param("stale", staleToken)
        .update() == 1;
  }

  /** Records that Kafka acknowledged the consent; false when the claim was lost (taken over). */
  boolean accept(String consentId, String token, Instant now) {
    return jdbc.sql("""
            UPDATE consent_receipt SET state = 'ACCEPTED', accepted_at = ?, evidence = NULL
            WHERE consent_id = ? AND claim_token = ? AND state = 'PENDING'""")
        .params(at(now), consentId, token)
        .update() == 1;
  }

  /** Drops a claim whose upload failed (its evidence is deleted by the caller first). */
  boolean release(String consentId, String token) {
    return jdbc.sql("DELETE FROM consent_receipt WHERE consent_id = :id AND claim_token = :token AND state = 'PENDING'")
        .param("id", consentId).param("token", token)
        .update() == 1;
  }

  /** PENDING claims older than the instant: uploads that crashed or hang (for the reconciler). */
  List<Entry> pendingSince(Instant claimedBefore, int limit) {
    return jdbc.sql("""
            SELECT * FROM consent_receipt WHERE state = 'PENDING' AND claimed_at < :before
            ORDER BY claimed_at LIMIT :limit""")
        .param("before", at(claimedBefore)).param("limit", limit)
        .query(ConsentLedger::entry).list();
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    String evidence = rs.getString("evidence");
    IngestReceipt receipt = new IngestReceipt(rs.getString("consent_id"), rs.getString("content_digest"),
        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
        new IngestReceipt.Signature(rs.getString("receipt_algorithm"), rs.getString("receipt_key_id"),
            rs.getString("receipt_signature")));
    return new Entry(rs.getString("consent_id"), rs.getString("terminal_id"), rs.getString("content_digest"),
        State.valueOf(rs.getString("state")), rs.getString("claim_token"),
        rs.getObject("claimed_at", OffsetDateTime.class).toInstant(), receipt,
        evidence == null || evidence.isBlank() ? List.of() : Arrays.asList(evidence.split(" ")));
  }
}
