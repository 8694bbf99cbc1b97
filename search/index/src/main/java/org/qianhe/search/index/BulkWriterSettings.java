package org.qianhe.search.index;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link ConsentBulkWriter}. Serializable, so a Flink sink can carry it to its
 * writers (the writer and the client themselves are created there, they are not serializable).
 *
 * @param alias                 write alias the documents go to; writes require it to be an alias
 *                              (a missing alias fails the item instead of auto-creating an index
 *                              with a guessed mapping). A rebuild writes through its own alias.
 * @param maxActions            documents per bulk request
 * @param maxBytes              bytes per bulk request (whichever limit is reached first sends it)
 * @param flushInterval         a partly filled request is sent after this long; zero = only on
 *                              size or an explicit flush
 * @param maxConcurrentRequests bulk requests in flight at once; {@code add} blocks beyond that
 *                              (back-pressure)
 * @param maxRetries            retries of a document refused with 429/503 (or of a whole request
 *                              that failed with 429/502/503/504 or an I/O error) before it counts
 *                              as failed
 * @param initialBackoff        wait before the first retry; doubled for each further one (at most 64×)
 */
public record BulkWriterSettings(
    String alias,
    int maxActions,
    long maxBytes,
    Duration flushInterval,
    int maxConcurrentRequests,
    int maxRetries,
    Duration initialBackoff) implements Serializable {

  public BulkWriterSettings {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    if (alias.isBlank()) {
      throw new IllegalArgumentException("alias must not be blank");
    }
    if (maxActions < 1) {
      throw new IllegalArgumentException("maxActions must be at least 1, got " + maxActions);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
    }
    if (flushInterval.isNegative()) {
      throw new IllegalArgumentException("flushInterval must not be negative, got " + flushInterval);
    }
    if (maxConcurrentRequests < 1) {
      throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative, got " + maxRetries);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
    }
  }

  /**
   * 1000 documents or 5 MiB per request (a consent document is about 1.5 KB, so the count limit
   * usually wins), sent at least every second, one request in flight, 5 retries from 100 ms
   * (100 ms … 3.2 s, about 6 s in all: longer than a typical 429 burst, short enough for a
   * checkpoint).
   */
  public static BulkWriterSettings defaults() {
    return new BulkWriterSettings(ConsentIndexClient.ALIAS, 1000, 5L * 1024 * 1024, Duration.ofSeconds(1), 1, 5,
        Duration.ofMillis(100));
  }

  public BulkWriterSettings withAlias(String newAlias) {
    return new BulkWriterSettings(newAlias, maxActions, maxBytes, flushInterval, maxConcurrentRequests, maxRetries,
        initialBackoff);
  }

  public BulkWriterSettings withMaxActions(int newMaxActions) {
    return new BulkWriterSettings(alias, newMaxActions, maxBytes, flushInterval, maxConcurrentRequests, maxRetries,
        initialBackoff);
  }

  public BulkWriterSettings withRetries(int newMaxRetries, Duration newInitialBackoff) {
    return new BulkWriterSettings(alias, maxActions, maxBytes, flushInterval, maxConcurrentRequests, newMaxRetries,
        newInitialBackoff);
  }

  /** Delay before retry number {@code attempt} (1-based). */
  Duration backoff(int attempt) {
    return initialBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 6));
  }
}
