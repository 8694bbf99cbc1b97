package org.qianhe.ops.bench;

import java.util.Locale;

/**
 * Reads the disks' write figures once a second while a benchmark measures, and keeps the slowest
 * second: the mean over a phase hides a stall of a few seconds, and a few seconds are all a p99
 * needs.
 */
public final class DiskStallWatch implements AutoCloseable {

  /** A second in which writes took longer than this on average counts as stalled. */
  private static final double STALLED_MS_PER_WRITE = 1.0;

  private final DiskWrites start = DiskWrites.now();
  private final Thread sampler;
  private volatile DiskWrites slowest = new DiskWrites(0, 0);
  private volatile int stalledSeconds;
  /** The whole phase, known once the watch is closed. */
  private DiskWrites phase;

  private DiskStallWatch() {
    sampler = new Thread(this::sample, "disk-stall-watch");
    sampler.setDaemon(true);
  }

  public static DiskStallWatch start() {
    DiskStallWatch watch = new DiskStallWatch();
    watch.sampler.start();
    return watch;
  }

  private void sample() {
    DiskWrites last = start;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      DiskWrites now = DiskWrites.now();
      DiskWrites second = now.since(last);
      last = now;
      if (second.meanMillis() > slowest.meanMillis()) {
        slowest = second;
      }
      if (second.meanMillis() > STALLED_MS_PER_WRITE) {
        stalledSeconds++;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    sampler.interrupt();
    sampler.join();
    phase = DiskWrites.now().since(start);
  }

  /** After {@link #close}, one line for the benchmark's output: the whole phase, its slowest second, and how many seconds stalled. */
  public String summary() {
    return String.format(Locale.ROOT, "%,d writes, %.2f ms each on average; slowest second %d writes at %.2f ms each;"
        + " %d s with writes over %.0f ms each", phase.writes(), phase.meanMillis(), slowest.writes(),
        slowest.meanMillis(), stalledSeconds, STALLED_MS_PER_WRITE);
  }
}
