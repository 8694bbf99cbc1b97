package org.qianhe.batch.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.Cli;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.evidence.Pkcs12EvidenceKeys;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.crypto.CryptoSuites;

/**
 * Retention: records are kept five years after their lot's expiry; dry run first, then apply,
 * which also deletes the removed records' evidence from ingest's evidence store (set up here as
 * ingest sets it up: keystore with its password file beside it).
 */
class RetentionJobIT {

  static final LocalDate OLD_DAY = LocalDate.parse("2019-06-01");
  static final LocalDate RECENT_DAY = LocalDate.parse("2026-11-20");
  static final LocalDate AS_OF = LocalDate.parse("2026-11-28");

  @TempDir Path dir;

  private ArchiveStorage storage;
  private EvidenceStore evidence;
  private String root;

  @BeforeAll
  static void schema() {
    Cli.createSchema();
  }

  @BeforeEach
  void evidenceStore() throws Exception {
    root = dir.resolve("qianhe").toUri().toString();
    storage = ArchiveStorage.open(root, Map.of());
    Path keystore = dir.resolve("keys/evidence-keys.p12");
    Files.createDirectories(keystore.getParent());
    char[] password = Pkcs12EvidenceKeys.passwordFromFile(dir.resolve("keys/evidence-keys.p12.password"));
    evidence = EvidenceStore.open(dir.resolve("evidence").toUri(), CryptoSuites.GM,
        Pkcs12EvidenceKeys.loadOrCreate(keystore, password, CryptoSuites.GM), false);
  }

  @AfterEach
  void close() throws Exception {
    evidence.close();
  }

  private String[] withEvidence(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--qianhe.batch.evidence.root=" + dir.resolve("evidence").toUri());
    all.add("--qianhe.batch.evidence.keystore=" + dir.resolve("keys/evidence-keys.p12"));
    return all.toArray(String[]::new);
  }

  /** Stages and compacts accepted consents of the old and the recent day, their evidence in the store. */
  private List<StagingFixture.Accepted> archived() throws Exception {
    StagingFixture fixture = new StagingFixture(81);
    List<StagingFixture.Accepted> old = fixture.accepted("410105", OLD_DAY, 60);
    List<StagingFixture.Accepted> recent = fixture.accepted("410105", RECENT_DAY, 20);
    for (StagingFixture.Accepted consent : concat(old, recent)) {
      evidence.write(consent.record().getConsentId(), CryptoSuites.GM, consent.items());
    }
    StagingFixture.stage(storage, "410105", OLD_DAY, "part-1.parquet", old.stream().map(StagingFixture.Accepted::record).toList());
    StagingFixture.stage(storage, "410105", RECENT_DAY, "part-1.parquet",
        recent.stream().map(StagingFixture.Accepted::record).toList());
    StagingFixture.compactor(storage, 1 << 30).compact("410105", OLD_DAY);
    StagingFixture.compactor(storage, 1 << 30).compact("410105", RECENT_DAY);
    return old;
  }

  private static boolean pastPolicy(ConsentRecord record, LocalDate asOf) {
    return record.getVaccination().getLotExpiry().plusYears(5).isBefore(asOf);
  }

  @Test
  void dryRunReportsApplyRemovesExactlyTheRecordsPastThePolicyWithTheirEvidence() throws Exception {
    List<StagingFixture.Accepted> old = archived();
    ArchiveContent archive = new ArchiveContent(storage);
    List<StagingFixture.Accepted> past = old.stream().filter(c -> pastPolicy(c.record(), AS_OF)).toList();
    List<StagingFixture.Accepted> kept = old.stream().filter(c -> !pastPolicy(c.record(), AS_OF)).toList();
    assertThat(past).isNotEmpty();
    assertThat(kept).isNotEmpty();
    Map<String, String> before = archive.fileDigests(archive.partition("410105", OLD_DAY));

    Cli.Result dryRun = Cli.run(root, withEvidence("retention", "--dry-run", "--as-of", AS_OF.toString()));

    assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
    assertThat(dryRun.output()).contains("1 partition(s), 60 rows checked, " + past.size() + " records past the policy",
        past.size() + " evidence objects stored", "dry run, nothing removed");
    assertThat(archive.fileDigests(archive.partition("410105", OLD_DAY))).isEqualTo(before);
    assertThat(evidence.list()).hasSize(80);

    Cli.Result apply = Cli.run(root, withEvidence("retention", "--apply", "--as-of", AS_OF.toString()));

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains(past.size() + " records past the policy", past.size() + " evidence objects deleted",
        "removed from 1 partition(s)");
    assertThat(archive.consentIds(archive.partition("410105", OLD_DAY)))
        .containsExactlyInAnyOrderElementsOf(kept.stream().map(c -> c.record().getConsentId()).toList());
    assertThat(archive.consentIds(archive.partition("410105", RECENT_DAY))).hasSize(20);
    for (StagingFixture.Accepted removed : past) {
      ConsentRecord record = removed.record();
      assertThat(evidence.exists(evidence.address(record.getConsentId(), record.getEvidence()))).isFalse();
      assertThatThrownBy(() -> evidence.read(record.getConsentId(), record.getEvidence()))
          .isInstanceOf(FileNotFoundException.class);
    }
    for (StagingFixture.Accepted stays : kept) {
      List<EvidenceItem> read = evidence.read(stays.record().getConsentId(), stays.record().getEvidence());
      assertThat(read).hasSameSizeAs(stays.items());
      for (EvidenceItem item : read) {
        assertThat(item.data()).isEqualTo(stays.evidence().get(item.ref().getEvidenceId()));
      }
    }
    assertThat(evidence.list()).hasSize(80 - past.size());
    String disposal = Files.readString(dir.resolve(
        "qianhe/archive/_disposals/as-of=2026-11-28-lot-expiry-plus-5y/region=410105/date=2019-06-01.json"));
    assertThat(disposal).contains(past.stream().map(c -> c.record().getConsentId()).toArray(String[]::new))
        .doesNotContain(kept.get(0).record().getConsentId());
    Cli.Result verify = Cli.run(root, "verify", "--from", OLD_DAY.toString(), "--to", RECENT_DAY.toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();

    Cli.Result everything = Cli.run(root, withEvidence("retention", "--apply", "--as-of", "2040-01-01"));

    assertThat(everything.exitCode()).as(everything.output()).isZero();
    assertThat(archive.partitions()).isEmpty();
    assertThat(evidence.list()).isEmpty();
  }

  @Test
  void applyWithoutAnEvidenceStoreRefusesAndChangesNothing() throws Exception {
    archived();
    ArchiveContent archive = new ArchiveContent(storage);
    Map<String, String> before = archive.fileDigests(archive.partition("410105", OLD_DAY));

    Cli.Result apply = Cli.run(root, "retention", "--apply", "--as-of", AS_OF.toString());

    assertThat(apply.exitCode()).as(apply.output()).isEqualTo(2);
    assertThat(apply.output()).contains("no evidence store configured", "nothing removed");
    assertThat(archive.fileDigests(archive.partition("410105", OLD_DAY))).isEqualTo(before);
    assertThat(evidence.list()).hasSize(80);
  }

  @Test
  void aMissingKeystoreFailsTheJobClearlyAndRemovesNothing() throws Exception {
    archived();
    ArchiveContent archive = new ArchiveContent(storage);
    Map<String, String> before = archive.fileDigests(archive.partition("410105", OLD_DAY));

    Cli.Result apply = Cli.run(root, "retention", "--apply", "--as-of", AS_OF.toString(),
        "--qianhe.batch.evidence.root=" + dir.resolve("evidence").toUri(),
        "--qianhe.batch.evidence.keystore=" + dir.resolve("keys/elsewhere.p12"));

    assertThat(apply.exitCode()).as(apply.output()).isEqualTo(1);
    assertThat(apply.output()).contains("elsewhere.p12", "does not exist");
    assertThat(Files.exists(dir.resolve("keys/elsewhere.p12"))).as("no key is ever created").isFalse();
    assertThat(archive.fileDigests(archive.partition("410105", OLD_DAY))).isEqualTo(before);
    assertThat(evidence.list()).hasSize(80);
  }

  @Test
  void needsExactlyOneOfDryRunAndApply() {
    assertThat(Cli.run(dir.toUri().toString(), "retention").exitCode()).isEqualTo(2);
    assertThat(Cli.run(dir.toUri().toString(), "retention", "--dry-run", "--apply").exitCode()).isEqualTo(2);
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
