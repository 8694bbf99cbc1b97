package org.qianhe.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, user and system, from Linux's /proc/PID/stat. */
public final class ProcessCpu {

  /** Linux's clock ticks per second (USER_HZ), which /proc counts in on every common platform. */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessCpu() {}

  /** User and system time of the process, in clock ticks; {0, 0} where /proc does not tell. */
  public static long[] userSystemTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) is in parentheses and may hold spaces: count from its end
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    } catch (IOException | RuntimeException e) {
      return new long[2];
    }
  }

  /** User and system time of the process together, in milliseconds; 0 where unknown. */
  public static long millis(long pid) {
    long[] ticks = userSystemTicks(pid);
    return (ticks[0] + ticks[1]) * 1000 / TICKS_PER_SECOND;
  }
}
