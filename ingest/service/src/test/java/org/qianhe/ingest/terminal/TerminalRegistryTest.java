package org.qianhe.ingest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The registry on H2 in PostgreSQL mode, the embedded default, migrated by the service's own
 * Flyway scripts (PostgreSQL runs them in {@code ConsentUploadIT}).
 */
class TerminalRegistryTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-31T08:00:00Z"));
  private TerminalRegistry registry;
  private JdbcClient jdbc;

  @BeforeEach
  void migrateFreshDatabase() {
    DriverManagerDataSource dataSource = freshDatabase();
    migrate(dataSource);
    jdbc = JdbcClient.create(dataSource);
    registry = new TerminalRegistry(jdbc, clock);
  }

  @Test
  void migratesADatabaseThatAnotherServiceAlreadyUses() {
    DriverManagerDataSource shared = freshDatabase();
    JdbcClient other = JdbcClient.create(shared);
    other.sql("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY)").update();
    other.sql("CREATE TABLE audit_log (id BIGINT PRIMARY KEY)").update();

    migrate(shared);

    new TerminalRegistry(other, clock).register("T41010200101", "410102001", "410102");
    assertThat(other.sql(
            "SELECT \"version\" FROM \"flyway_history_ingest\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")
        .query(String.class).list()).containsExactly("0", "1");
  }

  @Test
  void registeredTerminalIsFoundActive() {
    Terminal registered = registry.register("T41010200101", "410102001", "410102");

    assertThat(registry.find("T41010200101")).contains(registered);
    assertThat(registered.status()).isEqualTo(TerminalStatus.ACTIVE);
    assertThat(registered.siteCode()).isEqualTo("410102001");
    assertThat(registered.regionCode()).isEqualTo("410102");
    assertThat(registered.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void registeringAgainIsIdempotentAndMovesTheTerminal() {
    registry.register("T41010200101", "410102001", "410102");
    clock.now = clock.now.plusSeconds(60);

    Terminal again = registry.register("T41010200101", "410103002", "410103");

    assertThat(again.siteCode()).isEqualTo("410103002");
    assertThat(again.regionCode()).isEqualTo("410103");
    assertThat(again.createdAt()).isEqualTo(Instant.parse("2026-01-31T08:00:00Z"));
    assertThat(again.updatedAt()).isEqualTo(Instant.parse("2026-01-31T08:01:00Z"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM terminal").query(Long.class).single()).isEqualTo(1L);
  }

  @Test
  void onlyKnownStatusesCanBeStored() {
    registry.register("T41010200101", "410102001", "410102");

    assertThatThrownBy(() -> jdbc.sql("UPDATE terminal SET status = 'LOST'").update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void unknownTerminalIsNotFound() {
    assertThat(registry.find("T-nobody")).isEmpty();
  }

  @Test
  void revokedTerminalStaysRevokedWhenRegisteredAgain() {
    registry.register("T41010200101", "410102001", "410102");

    assertThat(registry.revoke("T41010200101")).isTrue();
    registry.register("T41010200101", "410102001", "410102");

    assertThat(registry.find("T41010200101")).get().extracting(Terminal::status).isEqualTo(TerminalStatus.REVOKED);
  }

  @Test
  void revokingAnUnknownTerminalReportsFalse() {
    assertThat(registry.revoke("T-nobody")).isFalse();
  }

  private static DriverManagerDataSource freshDatabase() {
    return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
  }

  /** As ingest.properties configures Flyway: own locations, own history table, baseline 0. */
  private static void migrate(DriverManagerDataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/ingest")
        .table("flyway_history_ingest").baselineOnMigrate(true).baselineVersion("0").load().migrate();
  }

  private static final class MovableClock extends Clock {
    Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
