package org.qianhe.ingest.terminal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The terminals allowed to upload, in the relational database (table {@code terminal}).
 *
 * <p>Public so that administration tools and other modules' tests can register terminals, through
 * {@code context.getBean(TerminalRegistry.class)} or {@link #on(javax.sql.DataSource)}. The SQL is plain and portable, because the
 * same statements run on PostgreSQL and on the embedded H2 default.
 */
@Repository
public class TerminalRegistry {

  private final JdbcClient jdbc;
  private final Clock clock;

  TerminalRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The registry of a database the service has migrated, for administration tools that run
   * outside the service (the local pipeline registers the simulator's terminals this way).
   */
  public static TerminalRegistry on(javax.sql.DataSource dataSource) {
    return new TerminalRegistry(JdbcClient.create(dataSource), Clock.systemUTC());
  }

  /**
   * Registers a terminal, or moves a known one to the given site and region. Idempotent. Never
   * re-activates a revoked terminal: that is a security decision, not a side effect of setup.
   */
  public Terminal register(String terminalId, String siteCode, String regionCode) {
    OffsetDateTime now = now();
    if (update(terminalId, siteCode, regionCode, now) == 0) {
      try {
        jdbc.sql("""
                INSERT INTO terminal (terminal_id, site_code, region_code, status, created_at, updated_at)
                VALUES (:id, :site, :region, :status, :now, :now)""")
            .param("id", terminalId).param("site", siteCode).param("region", regionCode)
            .param("status", TerminalStatus.ACTIVE.name()).param("now", now)
            .update();
      } catch (DuplicateKeyException raced) {
        // Another caller registered it between our update and insert: update it like a known one.
        update(terminalId, siteCode, regionCode, now);
      }
    }
    return find(terminalId).orElseThrow(() -> new IllegalStateException("terminal vanished while registering"));
  }

  public Optional<Terminal> find(String terminalId) {
    return jdbc.sql("""
            SELECT terminal_id, site_code, region_code, status, created_at, updated_at
            FROM terminal WHERE terminal_id = :id""")
        .param("id", terminalId)
        .query(TerminalRegistry::terminal)
        .optional();
  }

  /** Refuses every later upload of this terminal; returns false when the terminal is unknown. */
  public boolean revoke(String terminalId) {
    return jdbc.sql("UPDATE terminal SET status = :status, updated_at = :now WHERE terminal_id = :id")
        .param("status", TerminalStatus.REVOKED.name()).param("now", now()).param("id", terminalId)
        .update() > 0;
  }

  private int update(String terminalId, String siteCode, String regionCode, OffsetDateTime now) {
    return jdbc.sql("""
            UPDATE terminal SET site_code = :site, region_code = :region, updated_at = :now
            WHERE terminal_id = :id""")
        .param("site", siteCode).param("region", regionCode).param("now", now).param("id", terminalId)
        .update();
  }

  /** PostgreSQL's driver binds OffsetDateTime, not Instant, to timestamptz. */
  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Terminal terminal(ResultSet rs, int row) throws SQLException {
    return new Terminal(rs.getString("terminal_id"), rs.getString("site_code"), rs.getString("region_code"),
        TerminalStatus.valueOf(rs.getString("status")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
