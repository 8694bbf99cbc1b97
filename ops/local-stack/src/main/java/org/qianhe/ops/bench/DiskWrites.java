package org.qianhe.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the machine's disks completed so far and the time they took, from Linux's
 * /proc/diskstats: a request that waits on an fsync (a database commit) is as slow as the disk is
 * at that moment, and a virtual disk can stall for seconds; a benchmark prints the disk's figures
 * beside its own so that such a stall is seen, not blamed on the code.
 */
public record DiskWrites(long writes, long millis) {

  /** Totals over the block devices backed by a device (not loop, RAM or device-mapper ones); zero where /proc does not tell. */
  public static DiskWrites now() {
    long writes = 0;
    long millis = 0;
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/diskstats"));
      for (String line : lines) {
        // major minor name, then reads, reads merged, sectors read, ms reading, writes, writes merged, sectors written, ms writing
        String[] f = line.trim().split("\\s+");
        if (f.length > 10 && Files.exists(Path.of("/sys/block", f[2], "device"))) {
          writes += Long.parseLong(f[7]);
          millis += Long.parseLong(f[10]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return new DiskWrites(0, 0);
    }
    return new DiskWrites(writes, millis);
  }

  /** The writes between an earlier reading and this one. */
  public DiskWrites since(DiskWrites earlier) {
    return new DiskWrites(writes - earlier.writes, millis - earlier.millis);
  }

  /** Mean time per write in milliseconds; 0 without writes. */
  public double meanMillis() {
    return writes == 0 ? 0 : (double) millis / writes;
  }
}
