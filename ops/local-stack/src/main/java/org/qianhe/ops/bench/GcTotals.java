package org.qianhe.ops.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * This JVM's garbage collections so far, how many and how long: a benchmark prints those of its
 * measured phase, so that a collector's pauses are told apart from the measured code's own time.
 */
public record GcTotals(long count, long millis) {

  public static GcTotals now() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      // -1 where a collector does not tell
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new GcTotals(count, millis);
  }

  /** The collections between an earlier reading and this one. */
  public GcTotals since(GcTotals earlier) {
    return new GcTotals(count - earlier.count, millis - earlier.millis);
  }
}
