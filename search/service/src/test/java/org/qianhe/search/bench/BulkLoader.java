package org.qianhe.search.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.TranslogDurability;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.qianhe.search.index.ConsentIndexClient;

/**
 * Loads millions of synthetic consents as fast as one node takes them: NDJSON bulk requests of
 * {@link #DOCS_PER_REQUEST} documents written straight as bytes (no document objects, no
 * serialiser), {@link #IN_FLIGHT} requests at once so both write threads of a two-core node stay
 * busy while the next body is built. The response is cut down to {@code errors} and the failed
 * items' error type by {@code filter_path}, so acknowledging costs nothing either.
 *
 * <p>While loading, the index has no replica, no refresh and an asynchronous translog; afterwards
 * it gets the template's refresh interval and per-request durability back and is refreshed.
 * Loading repeats nothing if restarted halfway: documents are indexed by consentId.
 */
final class BulkLoader {

  static final int DOCS_PER_REQUEST = 5000;
  static final int IN_FLIGHT = 3;
  private static final int MAX_RETRIES = 10;
  private static final long PROGRESS_NANOS = 10_000_000_000L;
  /** How long to wait after a load for its merges to end. */
  private static final Duration SETTLE_LIMIT = Duration.ofMinutes(10);

  private final ElasticsearchClient es;
  private final URI bulk;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicReference<String> failure = new AtomicReference<>();

  BulkLoader(ElasticsearchClient es, String httpUrl) {
    this.es = es;
    this.bulk = URI.create(httpUrl + "/" + ConsentIndexClient.ALIAS
        + "/_bulk?require_alias=true&filter_path=errors,items.*.error.type");
  }

  /** Loads documents 0 to {@code docs - 1}; returns when every one is acknowledged. */
  void load(SyntheticConsents synthetic, long docs) throws IOException, InterruptedException {
    es.indices().putSettings(p -> p.index(ConsentIndexClient.ALIAS).settings(s -> s.numberOfReplicas("0")
        .refreshInterval(t -> t.time("-1")).translog(t -> t.durability(TranslogDurability.Async))));
    long started = System.nanoTime();
    long lastReport = started;
    SyntheticConsents.Bytes body = new SyntheticConsents.Bytes(DOCS_PER_REQUEST * 2600);
    long i = 0;
    while (i < docs && failure.get() == null) {
      body.reset();
      long first = i;
      long end = Math.min(docs, i + DOCS_PER_REQUEST);
      for (; i < end; i++) {
        body.put(ACTION_START);
        body.putAscii(SyntheticConsents.consentId(i));
        body.put(ACTION_END);
        synthetic.writeDocument(i, body);
        body.putByte('\n');
      }
      send(Arrays.copyOf(body.array(), body.length()), (int) (end - first), 0);
      long now = System.nanoTime();
      if (now - lastReport >= PROGRESS_NANOS) {
        lastReport = now;
        report(acknowledged.get(), docs, now - started);
      }
    }
    inFlight.acquire(IN_FLIGHT);
    inFlight.release(IN_FLIGHT);
    if (failure.get() != null) {
      throw new IOException("bulk load failed: " + failure.get());
    }
    report(acknowledged.get(), docs, System.nanoTime() - started);
    es.indices().putSettings(p -> p.index(ConsentIndexClient.ALIAS).settings(s -> s.refreshInterval(t -> t.time("1s"))
        .translog(t -> t.durability(TranslogDurability.Request))));
    es.indices().refresh(r -> r.index(ConsentIndexClient.ALIAS));
  }

  /**
   * Waits (at most {@link #SETTLE_LIMIT}) until no segment merge runs, then commits the index:
   * merges that the load set off go on for minutes afterwards and take CPU from whichever query
   * runs beside them, which widens the tail of the longer path most. A production index is
   * measured settled, so is this one.
   */
  void settle() throws IOException, InterruptedException {
    long started = System.nanoTime();
    long deadline = started + SETTLE_LIMIT.toNanos();
    int quietChecks = 0;
    while (quietChecks < 3 && System.nanoTime() < deadline) {
      Long running = es.indices().stats(s -> s.index(ConsentIndexClient.ALIAS).metric("merge"))
          .all().total().merges().current();
      quietChecks = running == null || running == 0 ? quietChecks + 1 : 0;
      Thread.sleep(1000);
    }
    System.out.printf(Locale.ROOT, "  merges after the load settled in %.0f s%s%n", (System.nanoTime() - started) / 1e9,
        quietChecks < 3 ? " (gave up waiting; merges still running)" : "");
    // Lucene syncs a segment to disk only when the shard commits. Left alone, Elasticsearch commits
    // an index five minutes after its last write: then gigabytes the merges wrote go to the disk at
    // once, and every fsync behind them (the audit row's commit) waits seconds, inside the measured
    // phase. A settled production index has long been committed.
    long flushing = System.nanoTime();
    es.indices().flush(f -> f.index(ConsentIndexClient.ALIAS).waitIfOngoing(true));
    System.out.printf(Locale.ROOT, "  index committed to disk (flush) in %.1f s%n", (System.nanoTime() - flushing) / 1e9);
  }

  private static final byte[] ACTION_START = "{\"index\":{\"_id\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACTION_END = "\"}}\n".getBytes(StandardCharsets.US_ASCII);

  /** Sends one bulk body; a refused request (429, 503) is sent again after a pause. */
  private void send(byte[] body, int count, int attempt) throws InterruptedException {
    if (attempt == 0) {
      inFlight.acquire();
    }
    HttpRequest request = HttpRequest.newBuilder(bulk).header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    CompletableFuture<HttpResponse<String>> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    response.whenComplete((r, e) -> {
      boolean retry = false;
      if (e != null) {
        failure.compareAndSet(null, e.getClass().getName());
      } else if ((r.statusCode() == 429 || r.statusCode() == 503) && attempt < MAX_RETRIES) {
        retry = true;
      } else if (r.statusCode() != 200) {
        failure.compareAndSet(null, "HTTP " + r.statusCode());
      } else if (r.body().contains("\"errors\":true")) {
        // error types only: a reason can quote document values
        failure.compareAndSet(null, "item errors " + r.body().substring(0, Math.min(300, r.body().length())));
      } else {
        acknowledged.addAndGet(count);
      }
      if (retry) {
        try {
          Thread.sleep(200L << Math.min(attempt, 6));
          send(body, count, attempt + 1);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          failure.compareAndSet(null, "interrupted");
          inFlight.release();
        }
      } else {
        inFlight.release();
      }
    });
  }

  private static void report(long done, long docs, long nanos) {
    double seconds = nanos / 1e9;
    double rate = done / Math.max(seconds, 1e-9);
    long eta = rate > 0 ? (long) ((docs - done) / rate) : 0;
    System.out.printf(Locale.ROOT, "  loaded %,d / %,d (%.0f docs/s, %d:%02d elapsed, ETA %d:%02d)%n", done, docs, rate,
        (long) seconds / 60, (long) seconds % 60, eta / 60, eta % 60);
    System.out.flush();
  }
}
