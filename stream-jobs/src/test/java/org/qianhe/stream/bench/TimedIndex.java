package org.qianhe.stream.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.qianhe.model.ConsentRecord;
import org.qianhe.stream.index.ConsentIndex;
import org.qianhe.stream.index.ConsentIndexFactory;
import org.qianhe.stream.index.IndexFailure;

/**
 * The real index, timed: the first document added and the end of the last flush, over all
 * parallel instances. A job's processing rate is then measured between its first and last
 * indexed record, without the seconds a MiniCluster needs to start and stop.
 */
final class TimedIndex implements ConsentIndexFactory {

  private static final Map<String, AtomicLong> FIRST = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> LAST = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> DOCS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final ConsentIndexFactory real;

  TimedIndex(ConsentIndexFactory real) {
    this.real = real;
    FIRST.put(id, new AtomicLong(Long.MAX_VALUE));
    LAST.put(id, new AtomicLong());
    DOCS.put(id, new AtomicLong());
  }

  double seconds() {
    return (LAST.get(id).get() - FIRST.get(id).get()) / 1e9;
  }

  long documents() {
    return DOCS.get(id).get();
  }

  @Override
  public ConsentIndex open() throws IOException {
    ConsentIndex index = real.open();
    AtomicLong first = FIRST.get(id);
    AtomicLong last = LAST.get(id);
    AtomicLong docs = DOCS.get(id);
    return new ConsentIndex() {
      @Override
      public void add(ConsentRecord record) throws IOException {
        first.accumulateAndGet(System.nanoTime(), Math::min);
        docs.incrementAndGet();
        index.add(record);
      }

      @Override
      public void remove(String consentId) throws IOException {
        index.remove(consentId);
      }

      @Override
      public List<IndexFailure> flush() throws IOException {
        List<IndexFailure> failures = index.flush();
        last.accumulateAndGet(System.nanoTime(), Math::max);
        return failures;
      }

      @Override
      public void close() throws IOException {
        index.close();
      }
    };
  }
}
