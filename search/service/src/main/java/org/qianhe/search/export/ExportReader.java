package org.qianhe.search.export;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.qianhe.search.index.ConsentFields;

/**
 * An export's batches in occurredAt order, read with several Elasticsearch requests in flight.
 * One {@code search_after} walk can have only one request out at a time (each starts after the
 * last hit of the one before), and Elasticsearch answers it on one search thread; so the export's
 * time span is cut into consecutive periods ({@link #periods}), each walked on its own, up to
 * {@code parallelism} periods at once and each at most {@link #AHEAD} batches ahead of the writer.
 * The writer takes the periods in order, so the rows come out sorted exactly as one walk would
 * give them, and memory stays bounded whatever the size of the export.
 */
final class ExportReader implements AutoCloseable {

  /** Batches a period may read ahead of the writer. */
  static final int AHEAD = 2;
  /** Each period is worth at least this many batches, or the cut costs more requests than it saves. */
  static final int BATCHES_PER_PERIOD = 2;
  static final int MAX_PERIODS = 64;

  /** One request of a walk: the batch after {@code after} (null: the first) within {@code period}. */
  @FunctionalInterface
  interface Batches {
    ExportBatch fetch(Query period, List<FieldValue> after);
  }

  private static final Object END = new Object();

  private record Failed(RuntimeException error) {}

  private final List<BlockingQueue<Object>> queues = new ArrayList<>();
  private final ExecutorService walkers;
  private int current;

  ExportReader(List<Query> periods, int parallelism, int batchSize, Batches batches) {
    walkers = Executors.newFixedThreadPool(Math.min(parallelism, periods.size()), r -> {
      Thread t = new Thread(r, "csv-export-reader");
      t.setDaemon(true);
      return t;
    });
    for (Query period : periods) {
      BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD + 1);
      queues.add(queue);
      // a fixed pool runs the walks in this order, so the period the writer waits for is always being read
      walkers.execute(() -> walk(period, queue, batchSize, batches));
    }
  }

  /**
   * The time span of an export cut into consecutive periods of equal length (consents arrive
   * evenly enough over time for that to balance them), the first open towards the past and the
   * last towards the future: a consent indexed after the span was measured still falls in one.
   *
   * @param first the earliest occurredAt in epoch milliseconds, or null when nothing matched
   */
  static List<Query> periods(Query criteria, Double first, Double last, long total, int batchSize) {
    long n = Math.max(1, Math.min(MAX_PERIODS, total / ((long) batchSize * BATCHES_PER_PERIOD)));
    if (n == 1 || first == null || last == null || !(last > first)) {
      return List.of(criteria);
    }
    long from = first.longValue();
    long span = last.longValue() + 1 - from;
    List<Query> periods = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      String gte = i == 0 ? null : Long.toString(from + span * i / n);
      String lt = i == n - 1 ? null : Long.toString(from + span * (i + 1) / n);
      Query range = Query.of(q -> q.range(r -> r.date(d -> {
        d.field(ConsentFields.OCCURRED_AT).format("epoch_millis");
        if (gte != null) {
          d.gte(gte);
        }
        if (lt != null) {
          d.lt(lt);
        }
        return d;
      })));
      periods.add(Query.of(q -> q.bool(b -> b.filter(criteria).filter(range))));
    }
    return periods;
  }

  /** The next batch in order, or null after the last. */
  ExportBatch next() throws InterruptedIOException {
    try {
      while (current < queues.size()) {
        Object item = queues.get(current).take();
        if (item == END) {
          current++;
        } else if (item instanceof Failed failed) {
          throw failed.error();
        } else {
          return (ExportBatch) item;
        }
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("export interrupted");
    }
  }

  private static void walk(Query period, BlockingQueue<Object> queue, int batchSize, Batches batches) {
    try {
      try {
        List<FieldValue> after = null;
        while (true) {
          ExportBatch batch = batches.fetch(period, after);
          if (batch.rows() > 0) {
            queue.put(batch);
          }
          if (batch.rows() < batchSize) {
            break;
          }
          after = batch.lastSort();
        }
        queue.put(END);
      } catch (RuntimeException e) {
        queue.put(new Failed(e));
      }
    } catch (InterruptedException e) {
      // the writer gave up (client gone, failure): nothing more to read
      Thread.currentThread().interrupt();
    }
  }

  /** Stops every walk still reading. */
  @Override
  public void close() {
    walkers.shutdownNow();
  }
}
