package org.qianhe.batch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.Cli;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Receipt;
import org.qianhe.model.TerminalSignature;
import org.qianhe.model.Vaccination;
import org.qianhe.terminal.simulator.SimulatorKeys;

/**
 * verify re-checks authenticity: ingest's receipt signature with the published receipt key, the
 * terminal's signature with the registry's key (ingest's {@code terminal} table, here in its own
 * PostgreSQL schema) over the upload rebuilt with the opened sealed identity, and the receipt's
 * content digest over the archived content. Tampered records are compacted into a partition whose
 * manifest is fresh, so only authenticity can catch them.
 */
class AuthenticityIT {

  static final LocalDate DAY = LocalDate.parse("2026-11-21");
  static final String REGION = "410102";
  static final String REGISTRY_SCHEMA = "qianhe_batch_it_ingest";
  static final String REGISTRY_URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + REGISTRY_SCHEMA;

  @TempDir java.nio.file.Path dir;
  String root;
  ArchiveStorage storage;
  List<StagingFixture.Accepted> accepted;

  @BeforeAll
  static void schema() {
    Cli.createSchema();
  }

  @BeforeEach
  void acceptedConsentsAndTheirTerminals() throws Exception {
    root = dir.resolve("qianhe").toUri().toString();
    storage = ArchiveStorage.open(root, Map.of());
    accepted = new StagingFixture(57).accepted(REGION, DAY, 30);
    registerTerminals(new TreeSet<>(accepted.stream().map(a -> a.record().getTerminalId()).toList()));
    java.nio.file.Path keyFile = dir.resolve("ingest-keys.properties");
    Files.writeString(keyFile, "blind-index.key=" + Base64.getEncoder().encodeToString(StagingFixture.sealingKey()) + "\n"
        + "identity-sealing.key-id=" + StagingFixture.SEALING_KEY_ID + "\n"
        + "identity-sealing.key=" + Base64.getEncoder().encodeToString(StagingFixture.sealingKey()) + "\n");
  }

  /** Ingest's table as its migrations leave it, with the columns verify reads. */
  static void registerTerminals(Iterable<String> terminalIds) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
      db.createStatement().execute("DROP SCHEMA IF EXISTS " + REGISTRY_SCHEMA + " CASCADE");
      db.createStatement().execute("CREATE SCHEMA " + REGISTRY_SCHEMA);
      db.createStatement().execute("CREATE TABLE " + REGISTRY_SCHEMA + ".terminal (terminal_id VARCHAR(64) PRIMARY KEY, "
          + "site_code VARCHAR(32) NOT NULL, region_code VARCHAR(6) NOT NULL, public_key VARCHAR(4096), "
          + "crypto_suite VARCHAR(8), status VARCHAR(8) NOT NULL, key_id VARCHAR(64), revoked_at TIMESTAMP WITH TIME ZONE)");
      try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + REGISTRY_SCHEMA + ".terminal "
          + "(terminal_id, site_code, region_code, public_key, crypto_suite, status, key_id) VALUES (?, ?, ?, ?, 'GM', 'ACTIVE', ?)")) {
        for (String terminalId : terminalIds) {
          var key = SimulatorKeys.of(terminalId).verificationKey();
          insert.setString(1, terminalId);
          insert.setString(2, "site");
          insert.setString(3, REGION);
          insert.setString(4, key.base64());
          insert.setString(5, key.keyId());
          insert.executeUpdate();
        }
      }
    }
  }

  private Cli.Result verify(boolean withIdentityKey) {
    List<String> args = new ArrayList<>(List.of("verify", "--from", DAY.toString(), "--to", DAY.toString(),
        "--qianhe.batch.verify.receipt-keys=" + StagingFixture.RECEIPT_KEY.verificationKey().base64(),
        "--qianhe.batch.verify.terminal-registry-url=" + REGISTRY_URL,
        "--qianhe.batch.verify.terminal-registry-username=postgres"));
    if (withIdentityKey) {
      args.add("--qianhe.batch.verify.identity-key-file=" + dir.resolve("ingest-keys.properties"));
    }
    return Cli.run(root, args.toArray(String[]::new));
  }

  private void archive(List<ConsentRecord> records) throws IOException {
    StagingFixture.stage(storage, REGION, DAY, "part-1.parquet", records);
    StagingFixture.compactor(storage, 1 << 30).compact(REGION, DAY);
  }

  @Test
  void genuineRecordsVerifyAgainstTheReceiptKeyTheRegistryAndTheirSealedIdentity() throws IOException {
    archive(accepted.stream().map(StagingFixture.Accepted::record).toList());

    Cli.Result result = verify(true);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("AUTHENTICITY  OK", "30 ingest receipt signatures verified",
        "30 terminal signatures verified");
  }

  @Test
  void aTamperedReceiptContentOrSignatureIsAnAuthenticityMismatch() throws IOException {
    List<ConsentRecord> records = new ArrayList<>(accepted.stream().map(StagingFixture.Accepted::record).toList());
    ConsentRecord forgedReceipt = ConsentRecord.newBuilder(records.get(0)).setReceipt(Receipt.newBuilder(records.get(0).getReceipt())
        .setSignature(records.get(1).getReceipt().getSignature()).build()).build();
    ConsentRecord alteredContent = ConsentRecord.newBuilder(records.get(2)).setVaccination(
        Vaccination.newBuilder(records.get(2).getVaccination()).setLotNumber("X0000001").build()).build();
    ConsentRecord movedSignature = ConsentRecord.newBuilder(records.get(3)).setSignature(TerminalSignature.newBuilder(
        records.get(3).getSignature()).setValue(records.get(4).getSignature().getValue()).build()).build();
    records.set(0, forgedReceipt);
    records.set(2, alteredContent);
    records.set(3, movedSignature);
    archive(records);

    Cli.Result result = verify(true);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    assertThat(result.output()).contains("AUTHENTICITY  FAIL", "INTEGRITY     OK",
        "1 ingest receipt signatures that do not verify; first: " + forgedReceipt.getConsentId(),
        "1 records whose content differs from what ingest received (receipt content digest); first: "
            + alteredContent.getConsentId(),
        "29 ingest receipt signatures verified",
        "28 terminal signatures verified");
    assertThat(result.output()).containsPattern("2 terminal signatures that do not verify; first: ("
        + alteredContent.getConsentId() + "|" + movedSignature.getConsentId() + ")");
    for (StagingFixture.Accepted consent : accepted) {
      ConsentUpload upload = consent.upload();
      assertThat(result.output()).as("no identity in the report")
          .doesNotContain(upload.getChild().getName(), upload.getChild().getIdNumber(),
              upload.getGuardian().getName(), upload.getGuardian().getIdNumber(), upload.getGuardian().getPhone());
    }

    Cli.Result withoutIdentityKey = verify(false);

    assertThat(withoutIdentityKey.exitCode()).as("the forged receipt is still caught").isEqualTo(3);
    assertThat(withoutIdentityKey.output()).contains(
        "1 ingest receipt signatures that do not verify; first: " + forgedReceipt.getConsentId(),
        "30 terminal signatures by their registered key, values not re-checked (no qianhe.batch.verify.identity-key-file)")
        .doesNotContain("content differs");
  }

  @Test
  void aSignatureByAnUnknownTerminalOrKeyIsAMismatch() throws Exception {
    List<ConsentRecord> records = new ArrayList<>(accepted.stream().map(StagingFixture.Accepted::record).toList());
    String terminalId = records.get(5).getTerminalId();
    List<String> others = records.stream().map(ConsentRecord::getTerminalId).filter(id -> !id.equals(terminalId)).distinct().toList();
    registerTerminals(others);
    long unknown = records.stream().filter(r -> r.getTerminalId().equals(terminalId)).count();
    archive(records);

    Cli.Result result = verify(true);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    assertThat(result.output()).contains(unknown + " records signed by a terminal the registry does not know");
  }
}
