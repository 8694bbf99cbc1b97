package org.qianhe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.cli.BatchCli;

/** The embedded default: the job repository in an H2 file database, schema created on first run. */
class EmbeddedDefaultIT {

  @TempDir java.nio.file.Path dir;

  @Test
  void nightlyRunsOnTheH2FileRepositoryAndCompactsAndVerifiesTheDay() {
    LocalDate day = LocalDate.parse("2026-11-20");
    String root = dir.resolve("data").toUri().toString();
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of());
    StagingFixture.stage(storage, "410105", day, "part-1.parquet", new StagingFixture(61).records("410105", day, 30));
    String db = "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("batch") + ";WRITE_DELAY=0";

    int first = BatchCli.run("nightly", "--date", day.toString(), "--qianhe.batch.root=" + root, db);
    int again = BatchCli.run("nightly", "--date", day.toString(), "--qianhe.batch.root=" + root, db);

    assertThat(first).isZero();
    assertThat(again).isZero();
    assertThat(dir.resolve("batch.mv.db")).exists();
    assertThat(new ArchiveContent(storage).consentIds(new ArchiveContent(storage).partition("410105", day))).hasSize(30);
  }
}
