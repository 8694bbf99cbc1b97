package org.qianhe.batch.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.Cli;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.model.ConsentRecord;

/** The compact job through the CLI, on the PostgreSQL job repository. */
class CompactJobIT {

  static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @TempDir java.nio.file.Path dir;

  @BeforeAll
  static void schema() {
    Cli.createSchema();
  }

  @Test
  void compactsEveryRegionOfTheDayDedupedSortedWithManifest() throws Exception {
    String root = dir.toUri().toString();
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of());
    StagingFixture fixture = new StagingFixture(11);
    List<ConsentRecord> zhengzhou = fixture.records("410105", DAY, 120);
    List<ConsentRecord> luoyang = fixture.records("410302", DAY, 60);
    StagingFixture.stage(storage, "410105", DAY, "part-1.parquet", zhengzhou.subList(0, 80));
    StagingFixture.stage(storage, "410105", DAY, "part-2.parquet", zhengzhou.subList(60, 120));
    StagingFixture.stage(storage, "410302", DAY, "part-1.parquet", luoyang);
    StagingFixture.stage(storage, "410302", DAY.plusDays(1), "part-1.parquet", fixture.records("410302", DAY.plusDays(1), 5));

    Cli.Result result = Cli.run(root, "compact", "--date", DAY.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("2 partition(s) to compact", "20 duplicates dropped", "COMPLETED");
    ArchiveContent archive = new ArchiveContent(storage);
    assertThat(archive.partitions()).containsExactly("region=410105/date=2026-11-20", "region=410302/date=2026-11-20");
    Path partition = archive.partition("410105", DAY);
    List<GenericRecord> rows = archive.rows(partition);
    assertThat(rows).extracting(r -> r.get("consentId").toString())
        .containsExactlyInAnyOrderElementsOf(zhengzhou.stream().map(ConsentRecord::getConsentId).toList());
    assertThat(rows).isSortedAccordingTo(Comparator
        .comparing((GenericRecord r) -> r.get("siteCode").toString())
        .thenComparing(r -> ((GenericRecord) r.get("vaccination")).get("vaccineCode").toString())
        .thenComparing(r -> ((GenericRecord) r.get("vaccination")).get("lotNumber").toString())
        .thenComparing(r -> (Long) r.get("occurredAt")));
    Manifest manifest = PartitionManifests.read(storage, partition).orElseThrow();
    assertThat(manifest.rows()).isEqualTo(120);
    assertThat(manifest.region()).isEqualTo("410105");
    assertThat(manifest.merkleRoot()).hasSize(64);
    assertThat(archive.consentIds(archive.partition("410302", DAY))).hasSize(60);
    // the other day is left staged for its own run
    assertThat(archive.partitions()).doesNotContain("region=410302/date=2026-11-21");
  }

  @Test
  void lateRecordIsMergedByTheNextRunAndARerunChangesNothing() throws Exception {
    String root = dir.toUri().toString();
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of());
    StagingFixture fixture = new StagingFixture(12);
    StagingFixture.stage(storage, "410105", DAY, "part-1.parquet", fixture.records("410105", DAY, 50));
    assertThat(Cli.run(root, "compact", "--date", DAY.toString(), "--region", "410105").exitCode()).isZero();
    ArchiveContent archive = new ArchiveContent(storage);
    Path partition = archive.partition("410105", DAY);

    List<ConsentRecord> late = fixture.records("410105", DAY, 2);
    StagingFixture.stage(storage, "410105", DAY, "part-late.parquet", late);
    Cli.Result second = Cli.run(root, "compact", "--date", DAY.toString(), "--region", "410105");

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output()).contains("2 staged rows from 1 files + 50 archived");
    assertThat(archive.consentIds(partition)).hasSize(52)
        .containsAll(late.stream().map(ConsentRecord::getConsentId).toList());
    Map<String, String> digests = archive.fileDigests(partition);

    Cli.Result third = Cli.run(root, "compact", "--date", DAY.toString(), "--region", "410105");

    assertThat(third.exitCode()).isZero();
    assertThat(third.output()).contains("0 partition(s) to compact");
    assertThat(archive.fileDigests(partition)).isEqualTo(digests);
  }

  @Test
  void rejectsABadRegionCodeAsUsageError() {
    Cli.Result result = Cli.run(dir.toUri().toString(), "compact", "--date", DAY.toString(), "--region", "41");
    assertThat(result.exitCode()).isEqualTo(2);
  }
}
