package org.qianhe.ops.bench;

import java.util.Collection;

/** Nearest-rank percentiles of a set of latencies. */
public final class Percentiles {

  private final long[] sorted;

  public Percentiles(Collection<Long> values) {
    this.sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  public long at(double percentile) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  @Override
  public String toString() {
    return "p50=" + at(50) + " ms, p99=" + at(99) + " ms, max=" + at(100) + " ms, n=" + sorted.length;
  }
}
