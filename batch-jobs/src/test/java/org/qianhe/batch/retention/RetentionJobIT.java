package org.qianhe.batch.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.Cli;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.model.ConsentRecord;

/** Retention: records are kept five years after their lot's expiry; dry run first, then apply. */
class RetentionJobIT {

  static final LocalDate OLD_DAY = LocalDate.parse("2019-06-01");
  static final LocalDate RECENT_DAY = LocalDate.parse("2026-11-20");

  @TempDir java.nio.file.Path dir;

  @BeforeAll
  static void schema() {
    Cli.createSchema();
  }

  @Test
  void dryRunReportsApplyRemovesExactlyTheRecordsPastThePolicy() throws Exception {
    String root = dir.toUri().toString();
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of());
    StagingFixture fixture = new StagingFixture(81);
    List<ConsentRecord> old = fixture.records("410105", OLD_DAY, 60);
    StagingFixture.stage(storage, "410105", OLD_DAY, "part-1.parquet", old);
    StagingFixture.stage(storage, "410105", RECENT_DAY, "part-1.parquet", fixture.records("410105", RECENT_DAY, 20));
    StagingFixture.compactor(storage, 1 << 30).compact("410105", OLD_DAY);
    StagingFixture.compactor(storage, 1 << 30).compact("410105", RECENT_DAY);
    ArchiveContent archive = new ArchiveContent(storage);
    LocalDate asOf = LocalDate.parse("2026-11-28");
    List<String> past = old.stream()
        .filter(r -> r.getVaccination().getLotExpiry().plusYears(5).isBefore(asOf)).map(ConsentRecord::getConsentId).toList();
    List<String> kept = old.stream()
        .filter(r -> !r.getVaccination().getLotExpiry().plusYears(5).isBefore(asOf)).map(ConsentRecord::getConsentId).toList();
    assertThat(past).isNotEmpty();
    assertThat(kept).isNotEmpty();
    Map<String, String> before = archive.fileDigests(archive.partition("410105", OLD_DAY));

    Cli.Result dryRun = Cli.run(root, "retention", "--dry-run", "--as-of", asOf.toString());

    assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
    assertThat(dryRun.output()).contains("1 partition(s), 60 rows checked, " + past.size() + " records past the policy",
        "dry run, nothing removed");
    assertThat(archive.fileDigests(archive.partition("410105", OLD_DAY))).isEqualTo(before);

    Cli.Result apply = Cli.run(root, "retention", "--apply", "--as-of", asOf.toString());

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).contains(past.size() + " records past the policy", "removed from 1 partition(s)");
    assertThat(archive.consentIds(archive.partition("410105", OLD_DAY))).containsExactlyInAnyOrderElementsOf(kept);
    assertThat(archive.consentIds(archive.partition("410105", RECENT_DAY))).hasSize(20);
    String disposal = Files.readString(dir.resolve(
        "archive/_disposals/as-of=2026-11-28-lot-expiry-plus-5y/region=410105/date=2019-06-01.json"));
    assertThat(disposal).contains(past.toArray(String[]::new)).doesNotContain(kept.get(0));
    Cli.Result verify = Cli.run(root, "verify", "--from", OLD_DAY.toString(), "--to", RECENT_DAY.toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();

    Cli.Result everything = Cli.run(root, "retention", "--apply", "--as-of", "2040-01-01");

    assertThat(everything.exitCode()).as(everything.output()).isZero();
    assertThat(archive.partitions()).isEmpty();
  }

  @Test
  void needsExactlyOneOfDryRunAndApply() {
    assertThat(Cli.run(dir.toUri().toString(), "retention").exitCode()).isEqualTo(2);
    assertThat(Cli.run(dir.toUri().toString(), "retention", "--dry-run", "--apply").exitCode()).isEqualTo(2);
  }
}
