package org.qianhe.ops.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Whether this JVM's JIT, and another process (a broker, a search node), still work: a benchmark
 * warms up until they are quiet, because on two cores a compiler thread still busy with the code
 * under test takes a core from it, and cold code would be measured as slow code.
 */
public final class JitActivity {

  /** A process at most this busy (share of one core) over a look counts as quiet. */
  private static final double QUIET_CORE_SHARE = 0.05;
  private static final long LOOK_MILLIS = 500;
  private static final int MAX_LOOKS = 40;

  private JitActivity() {}

  /** Time this JVM's compiler threads have spent compiling so far; 0 where the JVM does not tell. */
  public static long compilingMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
  }

  /**
   * Gives the JIT, and the other processes named, the idle machine to work off their queues:
   * returns when, over half a second, this JVM compiled nothing and each other process used at
   * most 5 % of a core, or after 20 seconds.
   *
   * @return whether everything was quiet before the time ran out
   */
  public static boolean awaitQuiet(long... otherPids) throws InterruptedException {
    long jit = compilingMillis();
    long[] cpu = cpuMillis(otherPids);
    for (int look = 0; look < MAX_LOOKS; look++) {
      Thread.sleep(LOOK_MILLIS);
      long jitNow = compilingMillis();
      long[] cpuNow = cpuMillis(otherPids);
      boolean quiet = jitNow == jit;
      for (int i = 0; i < cpu.length; i++) {
        quiet &= cpuNow[i] - cpu[i] <= QUIET_CORE_SHARE * LOOK_MILLIS;
      }
      if (quiet) {
        return true;
      }
      jit = jitNow;
      cpu = cpuNow;
    }
    return false;
  }

  /** CPU time (user and system) of each process, from Linux's /proc; 0 where unknown. */
  static long[] cpuMillis(long... pids) {
    long[] millis = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      millis[i] = ProcessCpu.millis(pids[i]);
    }
    return millis;
  }
}
