package org.qianhe.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.qianhe.model.ConsentRecord;
import org.qianhe.search.index.ConsentBulkWriteException.FailedItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes consent documents through a {@link BulkIngester}, keyed by {@code consentId} so that a
 * replay overwrites instead of duplicating.
 *
 * <p>{@link #flush()} is the commit point a checkpoint needs. {@code BulkIngester.flush()} only
 * sends what is buffered and returns while requests are still in flight, and its own retry
 * covers 429 items only; so this class counts every added document until Elasticsearch has
 * acknowledged it or it has failed for good, retries 429/503 items and failed requests itself
 * with exponential back-off, and makes {@code flush()} wait for that count to reach zero and
 * throw if anything failed.
 *
 * <p>Thread-safe; {@code add} blocks when {@code maxConcurrentRequests} requests are in flight
 * and the buffer is full, which is the back-pressure a stream job wants.
 */
public final class ConsentBulkWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsentBulkWriter.class);
  /** How often flush() re-sends what was buffered meanwhile (retries, concurrent adds). */
  private static final long FLUSH_POLL_MS = 50;
  /**
   * How long flush() waits without a single document being answered before it gives up on this
   * writer. Every request ends in an answer or an I/O error well within this (the client's
   * timeouts, retries of about 6 s), so a count that stands still this long means the bulk client
   * lost a request (seen after an Elasticsearch node was stopped and started under load; compare
   * elastic/elasticsearch-java#925). Waiting longer would hang the caller for good; failing lets
   * a stream job restart from its checkpoint with a new writer, and the replay overwrites by id.
   */
  static final Duration STALL_LIMIT = Duration.ofMinutes(2);

  /** A document on its way, with how often it has been retried. */
  private record Pending(String consentId, BulkOperation operation, int attempt) {
    Pending retried() {
      return new Pending(consentId, operation, attempt + 1);
    }
  }

  private final BulkWriterSettings settings;
  private final BulkIngester<Pending> ingester;
  private final ScheduledExecutorService retryScheduler;
  private final AtomicLong acknowledged = new AtomicLong();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition settled = lock.newCondition();
  private long outstanding;
  private final List<FailedItem> failures = new ArrayList<>();
  private volatile boolean closed;
  /** Set when flush() gave up on a lost request: close() then does not wait for it a second time. */
  private volatile boolean stalled;

  public ConsentBulkWriter(ElasticsearchClient client, BulkWriterSettings settings) {
    this.settings = settings;
    this.retryScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "consent-bulk-retry");
      t.setDaemon(true);
      return t;
    });
    this.ingester = BulkIngester.of(b -> {
      b.client(client)
          .maxOperations(settings.maxActions())
          .maxSize(settings.maxBytes())
          .maxConcurrentRequests(settings.maxConcurrentRequests())
          .listener(new Listener())
          // a missing alias must fail the item, not auto-create an index with a dynamic mapping
          .globalSettings(g -> g.requireAlias(true));
      if (!settings.flushInterval().isZero()) {
        b.flushInterval(settings.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
      }
      return b;
    });
  }

  /** Queues the record's document for indexing (overwriting any document with the same consentId). */
  public void add(ConsentRecord r) {
    addDocument(r.getConsentId(), ConsentDocuments.toDocument(r));
  }

  /**
   * Queues a document that is already in the shape {@link ConsentDocuments} makes, under its
   * consentId: for a caller that holds documents rather than records (a rebuild from another
   * index, a benchmark that generates millions of them).
   */
  public void addDocument(String consentId, Map<String, Object> document) {
    if (closed) {
      throw new IllegalStateException("ConsentBulkWriter is closed");
    }
    BulkOperation operation = BulkOperation.of(b -> b.index(i -> i.index(settings.alias()).id(consentId).document(document)));
    changeOutstanding(1);
    try {
      ingester.add(operation, new Pending(consentId, operation, 0));
    } catch (RuntimeException e) {
      changeOutstanding(-1);
      throw e;
    }
  }

  /**
   * Sends everything added so far and returns only when every document is acknowledged or has
   * failed for good (after its retries).
   *
   * @throws ConsentBulkWriteException naming the failed consentIds; they are reported once
   */
  public void flush() throws IOException {
    long seen = -1;
    long lastProgress = System.nanoTime();
    while (true) {
      ingester.flush();
      lock.lock();
      try {
        if (outstanding > 0) {
          settled.await(FLUSH_POLL_MS, TimeUnit.MILLISECONDS);
        }
        if (outstanding != seen) {
          seen = outstanding;
          lastProgress = System.nanoTime();
        } else if (outstanding > 0 && System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
          stalled = true;
          throw new IOException(outstanding + " consent document(s) unanswered for " + STALL_LIMIT.toSeconds()
              + " s: the bulk client lost a request; this writer cannot settle and must be replaced");
        }
        if (outstanding == 0) {
          if (!failures.isEmpty()) {
            List<FailedItem> failed = List.copyOf(failures);
            failures.clear();
            throw new ConsentBulkWriteException(failed);
          }
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for " + outstanding + " consent document(s)");
      } finally {
        lock.unlock();
      }
    }
  }

  /** Documents Elasticsearch has acknowledged since this writer was created (a replayed document counts again). */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Flushes (throwing like {@link #flush()}), then stops the ingester and the retry thread. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      if (!stalled) {
        flush();
      }
    } finally {
      closed = true;
      ingester.close();
      retryScheduler.shutdownNow();
    }
  }

  private void changeOutstanding(long delta) {
    lock.lock();
    try {
      outstanding += delta;
      if (outstanding == 0) {
        settled.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void failed(Pending p, int status, String type) {
    log.error("consent {} not indexed: {} {}", p.consentId(), status, type);
    lock.lock();
    try {
      failures.add(new FailedItem(p.consentId(), status, type));
    } finally {
      lock.unlock();
    }
    changeOutstanding(-1);
  }

  /** One scheduled task per back-off delay, so retried documents travel together in one request. */
  private void retry(List<Pending> pending, String reason) {
    Map<Integer, List<Pending>> byAttempt = new TreeMap<>();
    for (Pending p : pending) {
      byAttempt.computeIfAbsent(p.attempt() + 1, a -> new ArrayList<>()).add(p.retried());
    }
    byAttempt.forEach((attempt, batch) -> {
      Duration delay = settings.backoff(attempt);
      log.warn("retrying {} consent document(s) in {} ms (attempt {} of {}) after {}",
          batch.size(), delay.toMillis(), attempt, settings.maxRetries(), reason);
      retryScheduler.schedule(() -> resend(batch), delay.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  private void resend(List<Pending> batch) {
    for (Pending p : batch) {
      try {
        ingester.add(p.operation(), p);
      } catch (RuntimeException e) {
        failed(p, -1, e.getClass().getSimpleName());
      }
    }
    ingester.flush();
  }

  private final class Listener implements BulkListener<Pending> {

    @Override
    public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {
      // nothing to do: documents are counted when added
    }

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
      List<Pending> again = new ArrayList<>();
      List<BulkResponseItem> items = response.items();
      for (int i = 0; i < items.size(); i++) {
        BulkResponseItem item = items.get(i);
        Pending p = contexts.get(i);
        if (item.error() == null) {
          acknowledged.incrementAndGet();
          changeOutstanding(-1);
        } else if (BulkFailures.retryableItem(item.status()) && p.attempt() < settings.maxRetries()) {
          again.add(p);
        } else {
          failed(p, item.status(), item.error().type());
        }
      }
      if (!again.isEmpty()) {
        retry(again, "item status " + items.stream().filter(it -> it.error() != null)
            .map(BulkResponseItem::status).distinct().toList());
      }
    }

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
      boolean retryable = BulkFailures.retryableRequest(failure);
      String type = BulkFailures.type(failure);
      int status = BulkFailures.status(failure);
      List<Pending> again = new ArrayList<>();
      for (Pending p : contexts) {
        if (retryable && p.attempt() < settings.maxRetries()) {
          again.add(p);
        } else {
          failed(p, status, type);
        }
      }
      if (!again.isEmpty()) {
        retry(again, "request failure " + type + (status < 0 ? "" : " " + status));
      }
    }
  }
}
