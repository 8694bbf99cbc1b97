package org.qianhe.ingest.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.VerificationKey;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The registry on H2 in PostgreSQL mode, the embedded default, migrated by the service's own
 * Flyway scripts (PostgreSQL runs them in {@code ConsentUploadIT}).
 */
class TerminalRegistryTest {

  private static final VerificationKey KEY = CryptoSuites.GM.generateSigningKey(new SecureRandom()).verificationKey();

  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-31T08:00:00Z"));
  private TerminalRegistry registry;
  private JdbcClient jdbc;

  @BeforeEach
  void migrateFreshDatabase() {
    DriverManagerDataSource dataSource = freshDatabase();
    migrate(dataSource);
    jdbc = JdbcClient.create(dataSource);
    registry = new TerminalRegistry(jdbc, clock, Duration.ZERO);
  }

  @Test
  void migratesADatabaseThatAnotherServiceAlreadyUses() {
    DriverManagerDataSource shared = freshDatabase();
    JdbcClient other = JdbcClient.create(shared);
    other.sql("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY)").update();
    other.sql("CREATE TABLE audit_log (id BIGINT PRIMARY KEY)").update();

    migrate(shared);

    new TerminalRegistry(other, clock, Duration.ZERO).register("T41010200101", "410102001", "410102", KEY);
    assertThat(other.sql(
            "SELECT \"version\" FROM \"flyway_history_ingest\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")
        .query(String.class).list()).containsExactly("0", "1", "2", "3");
  }

  @Test
  void registeredTerminalIsFoundActive() {
    Terminal registered = registry.register("T41010200101", "410102001", "410102", KEY);

    assertThat(registry.find("T41010200101")).contains(registered);
    assertThat(registered.status()).isEqualTo(TerminalStatus.ACTIVE);
    assertThat(registered.siteCode()).isEqualTo("410102001");
    assertThat(registered.regionCode()).isEqualTo("410102");
    assertThat(registered.createdAt()).isEqualTo(clock.instant());
    assertThat(registered.suite()).contains(CryptoSuites.GM);
    assertThat(registered.publicKey()).contains(KEY);
    assertThat(jdbc.sql("SELECT key_id FROM terminal").query(String.class).single()).isEqualTo(KEY.keyId());
  }

  @Test
  void registeringWithANewKeyReKeysTheTerminalInItsSuite() {
    registry.register("T41010200101", "410102001", "410102", KEY);
    VerificationKey intl = CryptoSuites.INTL.generateSigningKey(new SecureRandom()).verificationKey();

    Terminal rekeyed = registry.register("T41010200101", "410102001", "410102", intl);

    assertThat(rekeyed.suite()).contains(CryptoSuites.INTL);
    assertThat(rekeyed.publicKey()).contains(intl);
    assertThat(registry.list()).containsExactly(rekeyed);
  }

  @Test
  void onlyKnownSuitesCanBeStored() {
    registry.register("T41010200101", "410102001", "410102", KEY);

    assertThatThrownBy(() -> jdbc.sql("UPDATE terminal SET crypto_suite = 'RSA'").update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void listShowsEveryTerminalByIdWithItsStatus() {
    registry.register("T2", "410102001", "410102", KEY);
    registry.register("T1", "410102001", "410102", KEY);
    registry.revoke("T2");

    assertThat(registry.list()).extracting(Terminal::terminalId, Terminal::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("T1", TerminalStatus.ACTIVE),
            org.assertj.core.groups.Tuple.tuple("T2", TerminalStatus.REVOKED));
  }

  @Test
  void cachedLookupsSeeOwnRevocationAtOnceAndOtherProcessesWithinTheTtl() {
    TerminalRegistry cached = new TerminalRegistry(jdbc, clock, Duration.ofSeconds(5));
    cached.register("T1", "410102001", "410102", KEY);
    cached.register("T2", "410102001", "410102", KEY);
    assertThat(cached.find("T1")).get().extracting(Terminal::active).isEqualTo(true);
    assertThat(cached.find("T2")).get().extracting(Terminal::active).isEqualTo(true);

    cached.revoke("T1");
    registry.revoke("T2"); // another process

    assertThat(cached.find("T1")).get().extracting(Terminal::active).as("own revocation").isEqualTo(false);
    assertThat(cached.find("T2")).get().extracting(Terminal::active).as("within the TTL").isEqualTo(true);
    clock.now = clock.now.plusSeconds(5);
    assertThat(cached.find("T2")).get().extracting(Terminal::active).as("after the TTL").isEqualTo(false);
  }

  @Test
  void afterTheTtlAnUnchangedKeyIsTheSameParsedKeyAndANewKeyIsTheNewOne() {
    TerminalRegistry cached = new TerminalRegistry(jdbc, clock, Duration.ofSeconds(5));
    cached.register("T1", "410102001", "410102", KEY);
    VerificationKey first = cached.find("T1").orElseThrow().publicKey().orElseThrow();

    clock.now = clock.now.plusSeconds(5);
    VerificationKey reread = cached.find("T1").orElseThrow().publicKey().orElseThrow();
    VerificationKey other = CryptoSuites.GM.generateSigningKey(new SecureRandom()).verificationKey();
    registry.register("T1", "410102001", "410102", other); // re-keyed by another process
    clock.now = clock.now.plusSeconds(5);

    assertThat(reread).as("what verifications precomputed is kept").isSameAs(first);
    assertThat(cached.find("T1").orElseThrow().publicKey()).contains(other);
  }

  @Test
  void unknownTerminalsAreNotCachedSoANewRegistrationWorksAtOnce() {
    TerminalRegistry cached = new TerminalRegistry(jdbc, clock, Duration.ofSeconds(5));
    assertThat(cached.find("T-new")).isEmpty();

    registry.register("T-new", "410102001", "410102", KEY); // another process

    assertThat(cached.find("T-new")).isPresent();
  }

  @Test
  void registeringAgainIsIdempotentAndMovesTheTerminal() {
    registry.register("T41010200101", "410102001", "410102", KEY);
    clock.now = clock.now.plusSeconds(60);

    Terminal again = registry.register("T41010200101", "410103002", "410103", KEY);

    assertThat(again.siteCode()).isEqualTo("410103002");
    assertThat(again.regionCode()).isEqualTo("410103");
    assertThat(again.createdAt()).isEqualTo(Instant.parse("2026-01-31T08:00:00Z"));
    assertThat(again.updatedAt()).isEqualTo(Instant.parse("2026-01-31T08:01:00Z"));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM terminal").query(Long.class).single()).isEqualTo(1L);
  }

  @Test
  void onlyKnownStatusesCanBeStored() {
    registry.register("T41010200101", "410102001", "410102", KEY);

    assertThatThrownBy(() -> jdbc.sql("UPDATE terminal SET status = 'LOST'").update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void unknownTerminalIsNotFound() {
    assertThat(registry.find("T-nobody")).isEmpty();
  }

  @Test
  void revokedTerminalStaysRevokedWhenRegisteredAgain() {
    registry.register("T41010200101", "410102001", "410102", KEY);

    assertThat(registry.revoke("T41010200101")).isTrue();
    assertThat(registry.find("T41010200101")).get().extracting(Terminal::revokedAt).isEqualTo(java.util.Optional.of(clock.instant()));
    registry.register("T41010200101", "410102001", "410102", KEY);

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
