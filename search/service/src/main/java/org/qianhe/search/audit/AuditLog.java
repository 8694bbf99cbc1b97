package org.qianhe.search.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only, hash-chained audit log (tables {@code search_audit_log} and
 * {@code search_audit_head}).
 *
 * <p>{@link #record} returns only once the row is committed, and throws
 * {@link AuditUnavailableException} otherwise: callers record before they answer, so an answer
 * nobody could audit is never given. Appending locks the head row, which serialises writers
 * across processes and keeps the sequence gap-free. On PostgreSQL an append costs one statement
 * when this process wrote the row before ({@link #appendAfterLastWritten}), three otherwise. The client address is taken from the
 * current HTTP request, when there is one.
 */
@Service
public class AuditLog {

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  private static final int VERIFY_BATCH = 1000;
  private static final String COLUMNS =
      "seq, occurred_at, username, action, target, summary, result_count, reason, client, prev_hash, row_hash";

  private final DataSource dataSource;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  /** The head as this process last wrote it: on PostgreSQL the next row is appended without reading it first. */
  private final AtomicReference<Head> lastWritten = new AtomicReference<>();
  /** Whether the database takes data-modifying WITH (PostgreSQL); null until the first append asks. */
  private volatile Boolean postgres;

  AuditLog(DataSource dataSource, PlatformTransactionManager transactions, Clock clock) {
    this.dataSource = dataSource;
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /** Appends the event; returns the stored row. */
  public AuditRecord record(AuditEvent event) {
    String client = clientAddress();
    try {
      AuditRecord written = appendAfterLastWritten(event, client);
      if (written == null) {
        written = tx.execute(status -> append(event, client));
      }
      Head head = new Head(written.seq(), written.rowHash());
      lastWritten.accumulateAndGet(head, (a, b) -> a == null || b.seq() > a.seq() ? b : a);
      return written;
    } catch (RuntimeException e) {
      log.error("audit row for {} {} not written: {}", event.action(), event.username(), e.getClass().getName());
      throw new AuditUnavailableException(e);
    }
  }

  /**
   * PostgreSQL, when this process wrote the last row: the row and the new head in one statement,
   * one round trip and one commit, on condition that the head still names the row this process
   * wrote. PostgreSQL checks that condition under the head row's lock, so if any other writer
   * (a thread here, another process) appended in between, nothing is written and null is
   * returned: the caller then takes the locking path.
   */
  private AuditRecord appendAfterLastWritten(AuditEvent e, String client) {
    Head head = lastWritten.get();
    return head == null || !isPostgres() ? null : insertAfter(head, e, client);
  }

  /** The locking path: the head read under {@code FOR UPDATE}, which serialises appenders everywhere. */
  private AuditRecord append(AuditEvent e, String client) {
    Head head = jdbc.sql("SELECT last_seq, last_hash FROM search_audit_head WHERE id = 1 FOR UPDATE")
        .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).strip())).single();
    if (isPostgres()) {
      AuditRecord written = insertAfter(head, e, client);
      if (written == null) {
        throw new IllegalStateException("audit head changed while locked");
      }
      return written;
    }
    AuditRecord r = next(head, e, client);
    jdbc.sql("INSERT INTO search_audit_log (" + COLUMNS + ") VALUES "
            + "(:seq, :at, :user, :action, :target, :summary, :count, :reason, :client, :prev, :hash)")
        .paramSource(params(r)).update();
    jdbc.sql("UPDATE search_audit_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
        .param("seq", r.seq()).param("hash", r.rowHash()).update();
    return r;
  }

  /** PostgreSQL: moves the head from {@code head} to the new row and inserts the row, in one statement; null if the head had moved. */
  private AuditRecord insertAfter(Head head, AuditEvent e, String client) {
    AuditRecord r = next(head, e, client);
    int inserted = jdbc.sql("""
            WITH head AS (
              UPDATE search_audit_head SET last_seq = :seq, last_hash = :hash
              WHERE id = 1 AND last_seq = :prevSeq AND last_hash = :prev
              RETURNING last_seq)
            INSERT INTO search_audit_log (""" + COLUMNS + """
            )
            SELECT CAST(:seq AS BIGINT), CAST(:at AS TIMESTAMP WITH TIME ZONE), CAST(:user AS VARCHAR),
                   CAST(:action AS VARCHAR), CAST(:target AS VARCHAR), CAST(:summary AS VARCHAR),
                   CAST(:count AS BIGINT), CAST(:reason AS VARCHAR), CAST(:client AS VARCHAR),
                   CAST(:prev AS VARCHAR), CAST(:hash AS VARCHAR)
            FROM head""")
        .paramSource(params(r).addValue("prevSeq", head.seq())).update();
    return inserted == 1 ? r : null;
  }

  private AuditRecord next(Head head, AuditEvent e, String client) {
    long seq = head.seq() + 1;
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String hash = AuditHash.of(head.hash(), seq, at.toEpochMilli(), e.username(), e.action(), e.target(), e.summary(),
        e.resultCount(), e.reason(), client);
    return new AuditRecord(seq, at, e.username(), e.action(), e.target(), e.summary(), e.resultCount(), e.reason(),
        client, head.hash(), hash);
  }

  private static MapSqlParameterSource params(AuditRecord r) {
    return new MapSqlParameterSource().addValue("seq", r.seq())
        .addValue("at", OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC)).addValue("user", r.username())
        .addValue("action", r.action().name()).addValue("target", r.target()).addValue("summary", r.summary())
        .addValue("count", r.resultCount()).addValue("reason", r.reason()).addValue("client", r.client())
        .addValue("prev", r.prevHash()).addValue("hash", r.rowHash());
  }

  private boolean isPostgres() {
    Boolean known = postgres;
    if (known == null) {
      try {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        known = "PostgreSQL".equals(product);
      } catch (MetaDataAccessException e) {
        throw new IllegalStateException("database not reachable", e);
      }
      postgres = known;
    }
    return known;
  }

  /** The newest rows first, at most {@code limit}, optionally only those before a sequence number. */
  public List<AuditRecord> recent(int limit, Long beforeSeq, String username) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM search_audit_log WHERE 1 = 1");
    if (beforeSeq != null) {
      sql.append(" AND seq < :before");
    }
    if (username != null) {
      sql.append(" AND username = :user");
    }
    sql.append(" ORDER BY seq DESC LIMIT :limit");
    JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
    if (beforeSeq != null) {
      statement = statement.param("before", beforeSeq);
    }
    if (username != null) {
      statement = statement.param("user", username);
    }
    return statement.query((rs, n) -> row(rs)).list();
  }

  /**
   * Walks the whole chain from its anchor (the first row kept, {@link AuditRetention}): no row
   * left before the anchor, sequence without gaps, each row linked to the one before, each hash
   * recomputed, a RETENTION row for the anchor when rows were removed, and the head naming the
   * last row (so rows removed from the end are noticed too).
   */
  public ChainReport verify() {
    Anchor anchor = anchor();
    long stranded = jdbc.sql("SELECT COUNT(*) FROM search_audit_log WHERE seq < :first")
        .param("first", anchor.firstSeq()).query(Long.class).single();
    if (stranded > 0) {
      return ChainReport.broken(0, anchor.firstSeq(),
          stranded + " row(s) lie before the chain's anchor at row " + anchor.firstSeq());
    }
    boolean removalRecorded = anchor.firstSeq() == 1;
    String removalTarget = AuditRetention.target(anchor.firstSeq());
    long checked = 0;
    long expectedSeq = anchor.firstSeq();
    String prev = anchor.prevHash();
    while (true) {
      List<AuditRecord> batch = jdbc.sql("SELECT " + COLUMNS + " FROM search_audit_log WHERE seq >= :from ORDER BY seq LIMIT :n")
          .param("from", expectedSeq).param("n", VERIFY_BATCH).query((rs, n) -> row(rs)).list();
      for (AuditRecord r : batch) {
        if (r.seq() != expectedSeq) {
          return ChainReport.broken(checked, expectedSeq, "row " + expectedSeq + " is missing");
        }
        if (!r.prevHash().equals(prev)) {
          return ChainReport.broken(checked, r.seq(), "row " + r.seq() + " does not link to the row before it");
        }
        if (!AuditHash.of(r).equals(r.rowHash())) {
          return ChainReport.broken(checked, r.seq(), "row " + r.seq() + " was changed after it was written");
        }
        removalRecorded |= r.action() == AuditAction.RETENTION && removalTarget.equals(r.target());
        prev = r.rowHash();
        expectedSeq++;
        checked++;
      }
      if (batch.size() < VERIFY_BATCH) {
        break;
      }
    }
    Head head = jdbc.sql("SELECT last_seq, last_hash FROM search_audit_head WHERE id = 1")
        .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).strip())).single();
    if (head.seq() != expectedSeq - 1 || !head.hash().equals(prev)) {
      return ChainReport.broken(checked, expectedSeq,
          "the chain ends at row " + (expectedSeq - 1) + " but its head names row " + head.seq());
    }
    if (!removalRecorded) {
      return ChainReport.broken(checked, anchor.firstSeq(),
          "rows before row " + anchor.firstSeq() + " were removed without a RETENTION row recording it");
    }
    return ChainReport.ok(checked);
  }

  /** Where the chain starts now: the first row kept and the hash it links to. */
  public Anchor anchor() {
    return jdbc.sql("SELECT first_seq, prev_hash, removed_rows, removed_before FROM search_audit_anchor WHERE id = 1")
        .query((rs, n) -> new Anchor(rs.getLong(1), rs.getString(2).strip(), rs.getLong(3),
            rs.getObject(4, OffsetDateTime.class) == null ? null : rs.getObject(4, OffsetDateTime.class).toInstant()))
        .single();
  }

  /**
   * @param firstSeq the first row of the chain as kept
   * @param prevHash the hash that row links to (genesis until rows are removed)
   * @param removedRows rows removed by retention so far
   * @param removedBefore the last removal's cut-off, or null
   */
  public record Anchor(long firstSeq, String prevHash, long removedRows, Instant removedBefore) {}

  private record Head(long seq, String hash) {}

  private static AuditRecord row(ResultSet rs) throws SQLException {
    return new AuditRecord(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("username"), AuditAction.valueOf(rs.getString("action")), rs.getString("target"),
        rs.getString("summary"), rs.getLong("result_count"), rs.getString("reason"), rs.getString("client"),
        rs.getString("prev_hash").strip(), rs.getString("row_hash").strip());
  }

  private static String clientAddress() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
