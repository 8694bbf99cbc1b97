package org.qianhe.batch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery from a crash at each point of the swap protocol. */
class PartitionDirsTest {

  @TempDir java.nio.file.Path dir;

  ArchiveStorage storage;
  PartitionDirs dirs;

  void setUp() throws IOException {
    storage = ArchiveStorage.open(dir.toUri().toString(), Map.of());
    dirs = new PartitionDirs(new Path(storage.root() + "/region=410105/date=2026-11-20"));
  }

  void file(String relative, String content) throws IOException {
    java.nio.file.Path path = dir.resolve("region=410105").resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  String committedContent() throws IOException {
    return Files.readString(dir.resolve("region=410105/date=2026-11-20/part-00000.parquet"));
  }

  java.util.List<String> siblings() throws IOException {
    try (var list = Files.list(dir.resolve("region=410105"))) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void crashWhileWritingDiscardsTheUnfinishedFiles() throws IOException {
    setUp();
    file("date=2026-11-20/part-00000.parquet", "old");
    file(".date=2026-11-20.writing/part-00000.parquet", "half");

    assertThat(dirs.pending(storage)).isTrue();
    assertThat(dirs.recover(storage)).contains("discarded");

    assertThat(committedContent()).isEqualTo("old");
    assertThat(siblings()).containsExactly("date=2026-11-20");
    assertThat(dirs.pending(storage)).isFalse();
  }

  @Test
  void crashBeforeTheSwapRollsTheVerifiedPartitionForward() throws IOException {
    setUp();
    file("date=2026-11-20/part-00000.parquet", "old");
    file(".date=2026-11-20.ready/part-00000.parquet", "new");

    assertThat(dirs.recover(storage)).contains("finished an interrupted swap");

    assertThat(committedContent()).isEqualTo("new");
    assertThat(siblings()).containsExactly("date=2026-11-20");
  }

  @Test
  void crashBetweenTheTwoRenamesFinishesTheSwap() throws IOException {
    setUp();
    file(".date=2026-11-20.replaced/part-00000.parquet", "old");
    file(".date=2026-11-20.ready/part-00000.parquet", "new");

    dirs.recover(storage);

    assertThat(committedContent()).isEqualTo("new");
    assertThat(siblings()).containsExactly("date=2026-11-20");
  }

  @Test
  void crashAfterTheSwapRemovesTheReplacedPartition() throws IOException {
    setUp();
    file("date=2026-11-20/part-00000.parquet", "new");
    file(".date=2026-11-20.replaced/part-00000.parquet", "old");

    assertThat(dirs.recover(storage)).contains("removed the replaced partition");

    assertThat(committedContent()).isEqualTo("new");
    assertThat(siblings()).containsExactly("date=2026-11-20");
  }

  @Test
  void firstPublishOfAPartitionNeedsNoPreviousOne() throws IOException {
    setUp();
    file(".date=2026-11-20.writing/part-00000.parquet", "new");

    dirs.publish(storage);

    assertThat(committedContent()).isEqualTo("new");
    assertThat(siblings()).containsExactly("date=2026-11-20");
    assertThat(dirs.recover(storage)).isEmpty();
  }
}
