package org.qianhe.stream;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.qianhe.model.ConsentRecord;
import org.qianhe.stream.index.ConsentIndex;
import org.qianhe.stream.index.ConsentIndexFactory;
import org.qianhe.stream.index.IndexFailure;

/**
 * The real index, with task failures injected: after every {@code everyDocuments} documents (over
 * all subtasks and restarts, counted in this JVM) one {@code add} throws, which fails the task and
 * restarts the job from its last checkpoint. At most {@code failures} times.
 */
final class FailingIndex implements ConsentIndexFactory {

  private static final Map<String, AtomicLong> ADDED = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> FAILED = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();
  private final ConsentIndexFactory real;
  private final long everyDocuments;
  private final int failures;

  FailingIndex(ConsentIndexFactory real, long everyDocuments, int failures) {
    this.real = real;
    this.everyDocuments = everyDocuments;
    this.failures = failures;
    ADDED.put(id, new AtomicLong());
    FAILED.put(id, new AtomicInteger());
  }

  int failuresInjected() {
    return FAILED.get(id).get();
  }

  @Override
  public ConsentIndex open() throws IOException {
    ConsentIndex index = real.open();
    AtomicLong added = ADDED.get(id);
    AtomicInteger failed = FAILED.get(id);
    return new ConsentIndex() {
      @Override
      public void add(ConsentRecord record) throws IOException {
        if (added.incrementAndGet() % everyDocuments == 0 && failed.get() < failures) {
          failed.incrementAndGet();
          throw new IllegalStateException("injected task failure #" + failed.get());
        }
        index.add(record);
      }

      @Override
      public void remove(String consentId) throws IOException {
        index.remove(consentId);
      }

      @Override
      public List<IndexFailure> flush() throws IOException {
        return index.flush();
      }

      @Override
      public void close() throws IOException {
        index.close();
      }
    };
  }
}
