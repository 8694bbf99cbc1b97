package org.qianhe.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readings benchmarks print beside their figures move with what they read. */
class MachineReadingsTest {

  @TempDir
  Path dir;

  @Test
  void aCollectionShowsInTheTotals() {
    GcTotals before = GcTotals.now();
    System.gc();
    GcTotals during = GcTotals.now().since(before);
    assertThat(during.count()).isPositive();
    assertThat(during.millis()).isNotNegative();
  }

  @Test
  void synchronisedWritesShowInTheDiskFiguresAndTheWatch() throws Exception {
    DiskWrites before = DiskWrites.now();
    assertThat(before.writes()).as("this machine's /proc/diskstats counts writes").isPositive();
    DiskStallWatch watch = DiskStallWatch.start();
    writeAndSync(dir.resolve("probe"), 20);
    Thread.sleep(1100);
    watch.close();
    assertThat(DiskWrites.now().since(before).writes()).isGreaterThanOrEqualTo(1);
    assertThat(watch.summary()).matches("[0-9,]+ writes, [0-9.]+ ms each on average; slowest second .*");
  }

  @Test
  void noWritesMeanNoTimePerWrite() {
    assertThat(new DiskWrites(0, 0).meanMillis()).isZero();
    assertThat(new DiskWrites(10, 25).since(new DiskWrites(4, 1))).isEqualTo(new DiskWrites(6, 24));
  }

  private static void writeAndSync(Path file, int times) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      for (int i = 0; i < times; i++) {
        channel.write(ByteBuffer.wrap(new byte[4096]), (long) i * 4096);
        channel.force(true);
      }
    }
  }
}
