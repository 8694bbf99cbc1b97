package org.qianhe.search.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes audit rows older than the retention period (at least three years) from the start of
 * the chain, without breaking it: in one transaction the anchor moves to the first row kept (and
 * the hash that row links to), the older rows are deleted, and a RETENTION row records how many
 * went and where the chain now starts. {@link AuditLog#verify} starts at the anchor and insists on
 * that RETENTION row. On PostgreSQL a trigger refuses to delete a row younger than three years or
 * one the anchor has not passed, whoever asks.
 *
 * <p>The service owns its audit log, so it prunes it itself ({@link AuditRetentionSchedule}, and an
 * administrator through {@code /v1/admin/audit/retention}); the archive's {@code retention} job
 * never touches this table.
 */
@Service
public class AuditRetention {

  /** The Vaccine Administration Law's floor, which no configuration may lower. */
  public static final Period MINIMUM = Period.ofYears(3);

  private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final Clock clock;

  AuditRetention(DataSource dataSource, PlatformTransactionManager transactions, AuditLog audit, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(transactions);
    this.audit = audit;
    this.clock = clock;
  }

  /** The RETENTION row's target: the first row kept. */
  static String target(long firstKeptSeq) {
    return "seq:" + firstKeptSeq;
  }

  /**
   * Removes (with {@code apply}) or only counts the rows that occurred more than {@code keep}
   * ago. {@code who} is recorded as the RETENTION row's user.
   *
   * @throws IllegalArgumentException when {@code keep} is shorter than {@link #MINIMUM}
   */
  public AuditRetentionReport run(Period keep, boolean apply, String who) {
    if (!atLeastMinimum(keep)) {
      throw new IllegalArgumentException("audit rows are kept at least " + MINIMUM + ", not " + keep);
    }
    Instant cutoff = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minus(keep).toInstant();
    AuditRetentionReport report = tx.execute(status -> removeBefore(cutoff, keep, apply, who));
    if (apply && report.rows() > 0) {
      log.info("audit retention: removed {} rows that occurred before {}; the chain now starts at row {}",
          report.rows(), cutoff, report.firstKeptSeq());
    }
    return report;
  }

  public static boolean atLeastMinimum(Period keep) {
    return keep != null && !keep.isNegative() && keep.normalized().toTotalMonths() >= MINIMUM.toTotalMonths();
  }

  private AuditRetentionReport removeBefore(Instant cutoff, Period keep, boolean apply, String who) {
    // the head's lock keeps appenders out until the anchor, the deletion and the RETENTION row commit
    long headSeq = jdbc.sql("SELECT last_seq FROM search_audit_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
    AuditLog.Anchor anchor = audit.anchor();
    Long firstYoung = jdbc.sql("SELECT MIN(seq) FROM search_audit_log WHERE occurred_at >= :cutoff")
        .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)).query(Long.class).optional().orElse(null);
    long firstKept = firstYoung == null ? headSeq + 1 : firstYoung;
    long rows = Math.max(0, firstKept - anchor.firstSeq());
    if (!apply || rows == 0) {
      return new AuditRetentionReport(false, keep, cutoff, rows, rows == 0 ? anchor.firstSeq() : firstKept);
    }
    // the first row kept links to the last one removed; with every row removed, that is the head
    String prevHash = firstYoung == null
        ? jdbc.sql("SELECT last_hash FROM search_audit_head WHERE id = 1").query(String.class).single().strip()
        : jdbc.sql("SELECT prev_hash FROM search_audit_log WHERE seq = :seq").param("seq", firstKept)
            .query(String.class).single().strip();
    jdbc.sql("""
            UPDATE search_audit_anchor SET first_seq = :first, prev_hash = :prev,
              removed_rows = removed_rows + :rows, removed_before = :cutoff WHERE id = 1""")
        .param("first", firstKept).param("prev", prevHash).param("rows", rows)
        .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)).update();
    int deleted = jdbc.sql("DELETE FROM search_audit_log WHERE seq < :first").param("first", firstKept).update();
    if (deleted != rows) {
      throw new IllegalStateException("expected to remove " + rows + " audit rows, removed " + deleted);
    }
    audit.record(new AuditEvent(who, AuditAction.RETENTION, target(firstKept),
        "removed " + rows + " audit rows that occurred before " + cutoff + " (kept " + keep + ")", rows, null));
    return new AuditRetentionReport(true, keep, cutoff, rows, firstKept);
  }
}
