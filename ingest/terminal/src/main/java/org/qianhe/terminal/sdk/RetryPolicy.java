package org.qianhe.terminal.sdk;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (a random wait up to the exponential bound), so terminals
 * that lost the service together do not come back together; never shorter than the service's
 * {@code Retry-After}.
 *
 * @param initial bound of the first wait
 * @param max largest bound
 */
public record RetryPolicy(Duration initial, Duration max) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofMinutes(5));

  public RetryPolicy {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("initial must be positive and at most max");
    }
  }

  /** The wait before attempt {@code failures + 1}, given the server's Retry-After (or null). */
  public Duration delay(int failures, Long retryAfterSeconds) {
    long bound = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
    bound = Math.min(bound, max.toMillis());
    long jittered = ThreadLocalRandom.current().nextLong(bound / 2, bound + 1);
    long server = retryAfterSeconds == null ? 0 : retryAfterSeconds * 1000;
    return Duration.ofMillis(Math.max(jittered, server));
  }
}
