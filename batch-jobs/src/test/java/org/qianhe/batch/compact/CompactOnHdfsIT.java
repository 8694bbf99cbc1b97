package org.qianhe.batch.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.Cli;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.model.ConsentRecord;

/** Acceptance 3: the same compact job, unchanged, on HDFS (a MiniDFSCluster in this JVM). */
class CompactOnHdfsIT {

  static final LocalDate DAY = LocalDate.parse("2026-11-20");
  static MiniDFSCluster cluster;

  @BeforeAll
  static void startHdfs() throws Exception {
    Cli.createSchema();
    Configuration conf = new Configuration();
    File base = new File("target/minidfs-" + System.nanoTime());
    cluster = new MiniDFSCluster.Builder(conf, base).numDataNodes(1).build();
    cluster.waitActive();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @Test
  void compactsAndVerifiesOnHdfs() throws Exception {
    String root = cluster.getURI() + "/qianhe";
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of("dfs.replication", "1"));
    StagingFixture fixture = new StagingFixture(41);
    List<ConsentRecord> records = fixture.records("410105", DAY, 150);
    StagingFixture.stage(storage, "410105", DAY, "part-1.parquet", records.subList(0, 100));
    StagingFixture.stage(storage, "410105", DAY, "part-2.parquet", records.subList(90, 150));

    Cli.Result compact = Cli.run(root, "compact", "--date", DAY.toString(), "--qianhe.batch.hadoop.dfs.replication=1",
        "--qianhe.batch.compact.target-file-size=48KB");

    assertThat(compact.exitCode()).as(compact.output()).isZero();
    assertThat(compact.output()).contains("10 duplicates dropped -> 150 rows");
    ArchiveContent archive = new ArchiveContent(storage);
    assertThat(archive.partitions()).containsExactly("region=410105/date=2026-11-20");
    Path partition = archive.partition("410105", DAY);
    assertThat(partition.toUri().getScheme()).isEqualTo("hdfs");
    assertThat(archive.consentIds(partition))
        .containsExactlyInAnyOrderElementsOf(records.stream().map(ConsentRecord::getConsentId).toList());
    assertThat(storage.list(partition.getParent())).extracting(s -> s.getPath().getName()).containsExactly("date=2026-11-20");
    assertThat(new StagingScan(storage).stagedFiles("410105", DAY)).isEmpty();

    Cli.Result verify = Cli.run(root, "verify", "--from", DAY.toString(), "--to", DAY.toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).contains("verified 1 partition(s), 150 rows: no mismatch");
  }
}
