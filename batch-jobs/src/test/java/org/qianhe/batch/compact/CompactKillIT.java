package org.qianhe.batch.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.BatchJobsApplication;
import org.qianhe.batch.Cli;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.model.ConsentRecord;

/**
 * Acceptance 1: a compaction killed with SIGKILL in the middle of writing, then run again, ends
 * with exactly the expected rows, and a reader polling the archive throughout never sees a
 * partition that is not complete.
 */
class CompactKillIT {

  static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @TempDir java.nio.file.Path dir;

  @BeforeAll
  static void schema() {
    Cli.createSchema();
  }

  @Test
  void killedMidCompactionAndRerunEndsWithExactlyTheExpectedRows() throws Exception {
    String root = dir.toUri().toString();
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of());
    StagingFixture fixture = new StagingFixture(21);
    List<ConsentRecord> zhengzhou = fixture.records("410105", DAY, 400);
    List<ConsentRecord> luoyang = fixture.records("410302", DAY, 30);
    StagingFixture.stage(storage, "410105", DAY, "part-1.parquet", zhengzhou.subList(0, 250));
    StagingFixture.stage(storage, "410105", DAY, "part-2.parquet", zhengzhou.subList(200, 400));
    StagingFixture.stage(storage, "410302", DAY, "part-1.parquet", luoyang);

    ArchiveContent archive = new ArchiveContent(storage);
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread reader = new Thread(() -> watch(storage, archive, watching, violations), "archive-reader");
    reader.start();
    try {
      Process child = startCompaction(root);
      boolean killed = false;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          System.out.println("child> " + line);
          if (line.contains("region=410105/date=2026-11-20: wrote part-00002.parquet")) {
            child.destroyForcibly();
            killed = true;
            break;
          }
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(killed).as("the child reached the third file").isTrue();
      assertThat(Files.exists(dir.resolve("archive/consents/region=410105/.date=2026-11-20.writing"))).isTrue();
      assertThat(archive.partitions()).doesNotContain("region=410105/date=2026-11-20");

      Cli.Result rerun = Cli.run(root, "compact", "--date", DAY.toString());

      assertThat(rerun.exitCode()).as(rerun.output()).isZero();
      assertThat(rerun.output()).contains("marked FAILED so it can be restarted", "discarded unfinished files");
    } finally {
      watching.set(false);
      reader.join();
    }
    assertThat(violations).isEmpty();
    assertThat(archive.partitions()).containsExactly("region=410105/date=2026-11-20", "region=410302/date=2026-11-20");
    assertThat(archive.consentIds(archive.partition("410105", DAY)))
        .containsExactlyInAnyOrderElementsOf(zhengzhou.stream().map(ConsentRecord::getConsentId).toList());
    assertThat(archive.consentIds(archive.partition("410302", DAY))).hasSize(30);
    assertThat(new StagingScan(storage).regionsToCompact(DAY, null)).isEmpty();
    try (var siblings = Files.list(dir.resolve("archive/consents/region=410105"))) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("date=2026-11-20");
    }
  }

  /** The same CLI in a child JVM, slowed down so it can be killed between two files. */
  private static Process startCompaction(String root) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        BatchJobsApplication.class.getName(), "compact", "--date", DAY.toString()));
    command.addAll(Cli.springArgs(root));
    command.addAll(List.of("--qianhe.batch.compact.threads=1", "--qianhe.batch.compact.target-file-size=24KB",
        "--qianhe.batch.compact.file-write-delay=400ms"));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** A reader that lists committed partitions and checks each is whole: manifest and exactly its files. */
  private static void watch(ArchiveStorage storage, ArchiveContent archive, AtomicBoolean watching, List<String> violations) {
    Set<String> seen = new HashSet<>();
    while (watching.get()) {
      try {
        for (String partition : archive.partitions()) {
          Path path = new Path(storage.root() + "/archive/consents/" + partition);
          List<String> files = PartitionManifests.dataFiles(storage, path);
          Manifest manifest = PartitionManifests.read(storage, path).orElse(null);
          if (manifest == null) {
            violations.add(partition + " visible without a manifest, files " + files);
          } else if (!files.equals(manifest.files().stream().map(Manifest.File::name).toList())) {
            violations.add(partition + " visible with files " + files + " not those of its manifest");
          }
          seen.add(partition);
        }
        Thread.sleep(5);
      } catch (IOException e) {
        // a partition renamed away between listing and reading: absent, not partial
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
