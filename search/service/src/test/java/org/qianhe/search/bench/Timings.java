package org.qianhe.search.bench;

import java.util.Arrays;

/** Latencies in nanoseconds and their percentiles in milliseconds. */
final class Timings {

  private long[] values = new long[1024];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  void addAll(Timings other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  double percentileMs(double p) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * size) - 1;
    return sorted[Math.max(0, Math.min(size - 1, index))] / 1e6;
  }
}
