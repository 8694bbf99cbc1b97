package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The claim life cycle on H2 with the service's migrations (PostgreSQL runs them in the ITs). */
class ConsentLedgerTest {

  private static final Instant T0 = Instant.parse("2026-01-31T08:00:00.123Z");

  private ConsentLedger ledger;
  private JdbcClient jdbc;

  @BeforeEach
  void migrateFreshDatabase() {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/ingest")
        .table("flyway_history_ingest").baselineOnMigrate(true).baselineVersion("0").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    ledger = new ConsentLedger(jdbc);
  }

  @Test
  void aClaimIsFoundPendingWithItsReceiptAndEvidence() {
    ConsentLedger.Entry entry = entry("c-1", "token-1", List.of("ab12", "cd34"));

    assertThat(ledger.claim(entry)).isTrue();

    assertThat(ledger.find("c-1")).contains(entry);
  }

  @Test
  void aSecondClaimOfTheSameConsentFails() {
    ledger.claim(entry("c-1", "token-1", List.of()));

    assertThat(ledger.claim(entry("c-1", "token-2", List.of()))).isFalse();
    assertThat(ledger.find("c-1")).get().extracting(ConsentLedger.Entry::claimToken).isEqualTo("token-1");
  }

  @Test
  void onlyTheHolderAcceptsAndAcceptingForgetsTheEvidenceList() {
    ledger.claim(entry("c-1", "token-1", List.of("ab12")));

    assertThat(ledger.accept("c-1", "token-2", T0)).isFalse();
    assertThat(ledger.accept("c-1", "token-1", T0)).isTrue();

    ConsentLedger.Entry accepted = ledger.find("c-1").orElseThrow();
    assertThat(accepted.state()).isEqualTo(ConsentLedger.State.ACCEPTED);
    assertThat(accepted.evidence()).isEmpty();
    assertThat(ledger.release("c-1", "token-1")).as("accepted consents are never released").isFalse();
  }

  @Test
  void aStaleClaimIsTakenOverOnceAndTheOldHolderLosesIt() {
    ledger.claim(entry("c-1", "token-1", List.of()));

    assertThat(ledger.takeOver("c-1", "token-1", "token-2", T0.plusSeconds(120))).isTrue();
    assertThat(ledger.takeOver("c-1", "token-1", "token-3", T0.plusSeconds(121))).isFalse();

    assertThat(ledger.accept("c-1", "token-1", T0)).isFalse();
    assertThat(ledger.find("c-1")).get().extracting(ConsentLedger.Entry::claimedAt).isEqualTo(T0.plusSeconds(120));
  }

  @Test
  void releasedClaimsAreGoneAndPendingOnesAreListedOldestFirst() {
    ledger.claim(entry("c-1", "token-1", List.of()));
    ledger.claim(entry("c-2", "token-2", List.of()));
    ledger.claim(entry("c-3", "token-3", List.of()));
    ledger.accept("c-3", "token-3", T0);

    assertThat(ledger.release("c-1", "token-1")).isTrue();

    assertThat(ledger.find("c-1")).isEmpty();
    assertThat(ledger.pendingSince(T0.plusSeconds(1), 10)).extracting(ConsentLedger.Entry::consentId)
        .containsExactly("c-2");
    assertThat(ledger.pendingSince(T0, 10)).as("claimed at T0, not before").isEmpty();
  }

  @Test
  void onlyKnownStatesCanBeStored() {
    ledger.claim(entry("c-1", "token-1", List.of()));

    assertThatThrownBy(() -> jdbc.sql("UPDATE consent_receipt SET state = 'LOST'").update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private static ConsentLedger.Entry entry(String consentId, String token, List<String> evidence) {
    IngestReceipt receipt = new IngestReceipt(consentId, "ab".repeat(32), T0,
        new IngestReceipt.Signature("SM3withSM2", "0123456789abcdef", "c2ln"));
    return new ConsentLedger.Entry(consentId, "T1", "ab".repeat(32), ConsentLedger.State.PENDING, token, T0,
        receipt, evidence);
  }
}
