package org.qianhe.ops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size of a process, from Linux's /proc (VmHWM), in MiB; -1 where unknown. */
public final class PeakMemory {

  private PeakMemory() {}

  public static long selfMb() {
    return ofPid(ProcessHandle.current().pid());
  }

  public static long ofPid(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
