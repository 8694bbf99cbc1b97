package org.qianhe.search.trace;

import java.util.List;

/**
 * How the consents of a trace spread over sites, clinic days and vaccines: what the charts show.
 *
 * @param total every consent that matches
 * @param bySite the sites with the most consents, most first
 * @param byDay consents per clinic day (Asia/Shanghai), oldest first
 * @param byVaccine the vaccines with the most consents, most first
 */
public record TraceStats(long total, List<Bucket> bySite, List<Bucket> byDay, List<Bucket> byVaccine) {

  /** One bar: a site code, a day (YYYY-MM-DD) or a vaccine code, and its consents. */
  public record Bucket(String key, long count) {}

  /** The largest count of a list, for scaling its chart. */
  public static long max(List<Bucket> buckets) {
    return buckets.stream().mapToLong(Bucket::count).max().orElse(0);
  }
}
