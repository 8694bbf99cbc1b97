package org.qianhe.search.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qianhe.search.MutableClock;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The audit log on the real PostgreSQL, in a schema of its own (migrated with the service's own
 * migrations, dropped afterwards): the chain, the append-only trigger, and tampering that the
 * chain check exposes even when a superuser switches the trigger off.
 */
class AuditLogIT {

  private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";

  private String schema;
  private DriverManagerDataSource dataSource;
  private MutableClock clock;
  private AuditLog audit;

  @BeforeEach
  void freshSchema() {
    schema = "qa_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Flyway.configure().dataSource(JDBC + "?currentSchema=" + schema, "postgres", "").schemas(schema)
        .locations("classpath:db/migration/search", "classpath:db/migration/search-postgresql")
        .table("flyway_history_search").load().migrate();
    dataSource = new DriverManagerDataSource(JDBC + "?currentSchema=" + schema, "postgres", "");
    clock = new MutableClock(Instant.parse("2025-06-15T08:00:00.123456Z"));
    audit = new AuditLog(dataSource, new DataSourceTransactionManager(dataSource), clock);
  }

  @AfterEach
  void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(JDBC, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  void rowsLinkIntoAnIntactChain() {
    List<AuditRecord> written = writeFive();

    assertThat(written).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(written.get(0).prevHash()).isEqualTo(AuditHash.GENESIS);
    for (int i = 1; i < written.size(); i++) {
      assertThat(written.get(i).prevHash()).isEqualTo(written.get(i - 1).rowHash());
    }
    List<String> newestFirst = new ArrayList<>(written.stream().map(AuditRecord::rowHash).toList());
    java.util.Collections.reverse(newestFirst);
    assertThat(audit.recent(10, null, null)).extracting(AuditRecord::rowHash).containsExactlyElementsOf(newestFirst);
    assertThat(audit.verify()).isEqualTo(new ChainReport(true, 5, null, null));
  }

  @Test
  void postgresRefusesToChangeOrDeleteAWrittenRow() {
    writeFive();
    JdbcClient jdbc = JdbcClient.create(dataSource);

    assertThatExceptionOfType(DataAccessException.class)
        .isThrownBy(() -> jdbc.sql("UPDATE search_audit_log SET summary = 'nothing' WHERE seq = 3").update())
        .withMessageContaining("append-only");
    assertThatExceptionOfType(DataAccessException.class)
        .isThrownBy(() -> jdbc.sql("DELETE FROM search_audit_log WHERE seq = 3").update())
        .withMessageContaining("append-only");
    assertThatExceptionOfType(DataAccessException.class)
        .isThrownBy(() -> jdbc.sql("TRUNCATE search_audit_log").update())
        .withMessageContaining("append-only");
    assertThat(audit.verify().intact()).isTrue();
  }

  /** A superuser can switch triggers off; the chain still shows the changed row. */
  @Test
  void tamperingWithOneRowIsDetected() throws Exception {
    writeFive();

    tamper("UPDATE search_audit_log SET result_count = 0 WHERE seq = 3");

    ChainReport report = audit.verify();
    assertThat(report.intact()).isFalse();
    assertThat(report.firstBrokenSeq()).isEqualTo(3);
    assertThat(report.rowsChecked()).isEqualTo(2);
    assertThat(report.problem()).contains("row 3 was changed");
  }

  @Test
  void aRowRemovedFromTheMiddleIsDetected() throws Exception {
    writeFive();

    tamper("DELETE FROM search_audit_log WHERE seq = 2");

    assertThat(audit.verify()).satisfies(r -> {
      assertThat(r.intact()).isFalse();
      assertThat(r.firstBrokenSeq()).isEqualTo(2);
      assertThat(r.problem()).contains("row 2 is missing");
    });
  }

  @Test
  void rowsRemovedFromTheEndAreDetectedByTheHead() throws Exception {
    writeFive();

    tamper("DELETE FROM search_audit_log WHERE seq >= 4");

    assertThat(audit.verify()).satisfies(r -> {
      assertThat(r.intact()).isFalse();
      assertThat(r.problem()).contains("the chain ends at row 3 but its head names row 5");
    });
  }

  @Test
  void aRewrittenRowWithARecomputedHashBreaksTheNextLink() throws Exception {
    List<AuditRecord> written = writeFive();
    AuditRecord third = written.get(2);
    String forged = AuditHash.of(third.prevHash(), 3, third.occurredAt().toEpochMilli(), third.username(), third.action(),
        third.target(), "something else", third.resultCount(), third.reason(), third.client());

    tamper("UPDATE search_audit_log SET summary = 'something else', row_hash = '" + forged + "' WHERE seq = 3");

    assertThat(audit.verify()).satisfies(r -> {
      assertThat(r.firstBrokenSeq()).isEqualTo(4);
      assertThat(r.problem()).contains("row 4 does not link");
    });
  }

  @Test
  void concurrentWritersKeepTheSequenceGapFreeAndTheChainIntact() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int writer = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            audit.record(AuditEvent.of("writer-" + writer, AuditAction.SEARCH, "lot=" + i, i));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(audit.verify()).isEqualTo(new ChainReport(true, 100, null, null));
  }

  @Test
  void twoProcessesTakingTurnsKeepOneChain() {
    // a second service instance on the same database: each appends after rows the other wrote
    AuditLog other = new AuditLog(dataSource, new DataSourceTransactionManager(dataSource),
        new MutableClock(Instant.parse("2025-06-15T08:00:01Z")));
    for (int i = 0; i < 10; i++) {
      audit.record(AuditEvent.of("alice", AuditAction.SEARCH, "lot=" + i, i));
      audit.record(AuditEvent.of("alice", AuditAction.SEARCH, "lot=" + i + " again", i));
      other.record(AuditEvent.of("bob", AuditAction.SEARCH, "site=" + i, i));
    }

    assertThat(audit.verify()).isEqualTo(new ChainReport(true, 30, null, null));
    assertThat(audit.recent(3, null, null)).extracting(AuditRecord::seq).containsExactly(30L, 29L, 28L);
  }

  @Test
  void whenTheRowCannotBeWrittenTheCallerIsTold() throws Exception {
    tamper("DROP TABLE search_audit_head");

    assertThatExceptionOfType(AuditUnavailableException.class)
        .isThrownBy(() -> audit.record(AuditEvent.of("alice", AuditAction.SEARCH, "lot=A", 1)));
  }

  @Test
  void retentionRemovesOnlyRowsPastTheirYearsAndTheChainStaysIntact() {
    List<AuditRecord> old = writeFiveAt("2019-03-01T08:00:00Z");
    List<AuditRecord> young = writeFiveAt("2025-06-15T08:00:00Z");
    AuditRetention retention = retentionAt("2026-01-10T00:00:00Z");

    AuditRetentionReport dryRun = retention.run(Period.ofYears(3), false, "admin");

    assertThat(dryRun).isEqualTo(new AuditRetentionReport(false, Period.ofYears(3),
        Instant.parse("2023-01-10T00:00:00Z"), 5, 6));
    assertThat(audit.recent(20, null, null)).hasSize(10);

    AuditRetentionReport applied = retention.run(Period.ofYears(3), true, "admin");

    assertThat(applied.applied()).isTrue();
    assertThat(applied.rows()).isEqualTo(5);
    assertThat(applied.firstKeptSeq()).isEqualTo(6);
    List<AuditRecord> kept = audit.recent(20, null, null);
    assertThat(kept).extracting(AuditRecord::seq).containsExactly(11L, 10L, 9L, 8L, 7L, 6L);
    assertThat(kept.get(0)).satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.RETENTION);
      assertThat(r.username()).isEqualTo("admin");
      assertThat(r.target()).isEqualTo("seq:6");
      assertThat(r.resultCount()).isEqualTo(5);
    });
    List<String> youngNewestFirst = new ArrayList<>(young.stream().map(AuditRecord::rowHash).toList());
    java.util.Collections.reverse(youngNewestFirst);
    assertThat(kept.subList(1, 6)).extracting(AuditRecord::rowHash).containsExactlyElementsOf(youngNewestFirst);
    assertThat(audit.anchor()).isEqualTo(new AuditLog.Anchor(6, old.get(4).rowHash(), 5,
        Instant.parse("2023-01-10T00:00:00Z")));
    assertThat(audit.verify()).isEqualTo(new ChainReport(true, 6, null, null));

    // a second run finds nothing due and writes nothing
    assertThat(retention.run(Period.ofYears(3), true, "admin").rows()).isZero();
    assertThat(audit.recent(20, null, null)).hasSize(6);
  }

  @Test
  void whenEveryRowIsPastItsYearsTheRetentionRowStartsTheChain() {
    List<AuditRecord> old = writeFiveAt("2019-03-01T08:00:00Z");

    AuditRetentionReport applied = retentionAt("2026-01-10T00:00:00Z").run(Period.ofYears(3), true, "(retention)");

    assertThat(applied.rows()).isEqualTo(5);
    assertThat(applied.firstKeptSeq()).isEqualTo(6);
    assertThat(audit.recent(20, null, null)).singleElement().satisfies(r -> {
      assertThat(r.seq()).isEqualTo(6);
      assertThat(r.action()).isEqualTo(AuditAction.RETENTION);
      assertThat(r.prevHash()).isEqualTo(old.get(4).rowHash());
    });
    assertThat(audit.verify()).isEqualTo(new ChainReport(true, 1, null, null));
  }

  @Test
  void aRetentionShorterThanThreeYearsIsRefusedAndNothingIsRemoved() {
    writeFiveAt("2019-03-01T08:00:00Z");

    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> retentionAt("2026-01-10T00:00:00Z").run(Period.ofMonths(35), true, "admin"))
        .withMessageContaining("at least P3Y");

    assertThat(audit.recent(20, null, null)).hasSize(5);
    assertThat(audit.verify()).isEqualTo(new ChainReport(true, 5, null, null));
  }

  /** Without the service, straight SQL: the database holds the three years and the anchor's direction. */
  @Test
  void postgresRefusesToRemoveYoungRowsOrRowsTheAnchorHasNotPassed() {
    writeFiveAt("2019-03-01T08:00:00Z");
    writeFiveAt("2025-06-15T08:00:00Z");
    JdbcClient jdbc = JdbcClient.create(dataSource);

    assertThatExceptionOfType(DataAccessException.class)
        .isThrownBy(() -> jdbc.sql("DELETE FROM search_audit_log WHERE seq = 1").update())
        .withMessageContaining("append-only");
    jdbc.sql("UPDATE search_audit_anchor SET first_seq = 11 WHERE id = 1").update();
    assertThatExceptionOfType(DataAccessException.class)
        .isThrownBy(() -> jdbc.sql("DELETE FROM search_audit_log WHERE seq = 6").update())
        .withMessageContaining("append-only");
    assertThatExceptionOfType(DataAccessException.class)
        .isThrownBy(() -> jdbc.sql("UPDATE search_audit_anchor SET first_seq = 1 WHERE id = 1").update())
        .withMessageContaining("only moves forward");
    assertThatExceptionOfType(DataAccessException.class)
        .isThrownBy(() -> jdbc.sql("DELETE FROM search_audit_anchor").update())
        .withMessageContaining("only moves forward");

    // the anchor moved past rows that are still there: the check does not skip them quietly
    assertThat(audit.verify()).satisfies(r -> {
      assertThat(r.intact()).isFalse();
      assertThat(r.problem()).contains("10 row(s) lie before the chain's anchor at row 11");
    });
  }

  @Test
  void oldRowsRemovedWithoutARetentionRowAreDetected() {
    List<AuditRecord> old = writeFiveAt("2019-03-01T08:00:00Z");
    writeFiveAt("2025-06-15T08:00:00Z");
    JdbcClient jdbc = JdbcClient.create(dataSource);

    // what the database lets any writer do: rows older than three years, after moving the anchor
    jdbc.sql("UPDATE search_audit_anchor SET first_seq = 6, prev_hash = :prev WHERE id = 1")
        .param("prev", old.get(4).rowHash()).update();
    jdbc.sql("DELETE FROM search_audit_log WHERE seq < 6").update();

    assertThat(audit.verify()).satisfies(r -> {
      assertThat(r.intact()).isFalse();
      assertThat(r.firstBrokenSeq()).isEqualTo(6);
      assertThat(r.problem()).contains("removed without a RETENTION row");
    });
  }

  private List<AuditRecord> writeFiveAt(String instant) {
    clock.set(Instant.parse(instant));
    return writeFive();
  }

  private AuditRetention retentionAt(String instant) {
    return new AuditRetention(dataSource, new DataSourceTransactionManager(dataSource), audit,
        new MutableClock(Instant.parse(instant)));
  }

  private List<AuditRecord> writeFive() {
    List<AuditRecord> written = new ArrayList<>();
    written.add(audit.record(AuditEvent.of("alice", AuditAction.SEARCH, "lot=202501A", 12)));
    written.add(audit.record(new AuditEvent("alice", AuditAction.VIEW, "c-1", "consent detail", 1, null)));
    written.add(audit.record(new AuditEvent("bob", AuditAction.UNMASK, "c-1", "identity revealed", 1, "投诉核查 AEFI-2025-17")));
    written.add(audit.record(AuditEvent.denied(AuditEvent.UNKNOWN_USER, null, "login refused")));
    written.add(audit.record(AuditEvent.of("alice", AuditAction.EXPORT, "site=410102001", 3000)));
    return written;
  }

  /** What only a superuser with triggers switched off can do. */
  private void tamper(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(JDBC + "?currentSchema=" + schema, "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      s.execute(sql);
    }
  }
}
