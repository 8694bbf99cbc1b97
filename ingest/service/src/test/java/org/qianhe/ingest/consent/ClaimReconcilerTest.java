package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.evidence.Pkcs12EvidenceKeys;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.terminal.client.Submission;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Claims left by crashed uploads: their evidence and the claim go, fresh and accepted ones stay. */
class ClaimReconcilerTest {

  private static final Instant NOW = Instant.parse("2026-01-31T08:00:00Z");

  @TempDir
  Path dir;

  private ConsentLedger ledger;
  private EvidenceStore store;
  private ClaimReconciler reconciler;

  @BeforeEach
  void setUp() throws IOException {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/ingest")
        .table("flyway_history_ingest").baselineOnMigrate(true).baselineVersion("0").load().migrate();
    ledger = new ConsentLedger(JdbcClient.create(dataSource));
    store = EvidenceStore.open(dir.resolve("evidence").toUri(), CryptoSuites.GM,
        Pkcs12EvidenceKeys.loadOrCreate(dir.resolve("keys.p12"), "pw".toCharArray(), CryptoSuites.GM), false);
    IngestProperties properties = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
        "qianhe.ingest.claim-timeout", "60s"))).bindOrCreate("qianhe.ingest", IngestProperties.class);
    reconciler = new ClaimReconciler(ledger, store, Clock.fixed(NOW, ZoneOffset.UTC), properties);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  @Test
  void anAbandonedClaimLosesItsEvidenceAndItsRow() throws IOException {
    String abandoned = claim(NOW.minus(Duration.ofMinutes(5)), true);
    String fresh = claim(NOW.minusSeconds(10), true);
    String accepted = claim(NOW.minus(Duration.ofMinutes(5)), true);
    ledger.accept(accepted, tokenOf(accepted), NOW.minus(Duration.ofMinutes(4)));

    assertThat(reconciler.reconcile()).isEqualTo(1);

    assertThat(ledger.find(abandoned)).isEmpty();
    assertThat(ledger.find(fresh)).isPresent();
    assertThat(ledger.find(accepted)).isPresent();
    assertThat(store.list()).hasSize(2);
    assertThat(reconciler.reconcile()).as("nothing left to do").isZero();
  }

  @Test
  void aClaimWhoseEvidenceWasNeverWrittenIsReleasedAllTheSame() throws IOException {
    String abandoned = claim(NOW.minus(Duration.ofMinutes(5)), false);

    assertThat(reconciler.reconcile()).isEqualTo(1);

    assertThat(ledger.find(abandoned)).isEmpty();
  }

  @Test
  void abandonedTemporaryFilesAreSwept() throws IOException {
    Path leftover = Path.of(store.root()).resolve("tmp/abc.part");
    Files.write(leftover, new byte[] {1});
    Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(NOW.minus(Duration.ofMinutes(10))));

    reconciler.reconcile();

    assertThat(leftover).doesNotExist();
  }

  /** A PENDING claim at that time, its evidence written or not; returns the consentId. */
  private String claim(Instant claimedAt, boolean writeEvidence) throws IOException {
    ConsentUpload upload = ConsentUploadIT.biometric(claimedAt.getEpochSecond());
    Submission captured = Uploads.captured(upload);
    List<EvidenceItem> items = captured.upload().getEvidence().stream()
        .map(ref -> new EvidenceItem(ref, captured.evidence().get(ref.getEvidenceId()))).toList();
    String address = store.address(upload.getConsentId(), captured.upload().getEvidence());
    IngestReceipt receipt = new IngestReceipt(upload.getConsentId(), "ab".repeat(32), claimedAt,
        new IngestReceipt.Signature("SM3withSM2", "0123456789abcdef", "c2ln"));
    ledger.claim(new ConsentLedger.Entry(upload.getConsentId(), upload.getTerminalId(), "ab".repeat(32),
        ConsentLedger.State.PENDING, UUID.randomUUID().toString(), claimedAt, receipt, List.of(address)));
    if (writeEvidence) {
      store.write(upload.getConsentId(), CryptoSuites.GM, items);
    }
    return upload.getConsentId();
  }

  private String tokenOf(String consentId) {
    return ledger.find(consentId).orElseThrow().claimToken();
  }
}
