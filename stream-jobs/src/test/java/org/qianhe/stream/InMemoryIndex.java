package org.qianhe.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.qianhe.model.ConsentRecord;
import org.qianhe.stream.index.ConsentIndex;
import org.qianhe.stream.index.ConsentIndexFactory;
import org.qianhe.stream.index.IndexFailure;

/**
 * An index in this JVM's memory, keyed by consentId like the real one (a second write overwrites),
 * for tests without Elasticsearch. Documents whose siteCode is {@link #REFUSED_SITE} are refused for
 * good (400), like a value the mapping cannot hold; those at {@link #MISSING_ALIAS_SITE} as if the
 * alias were missing (404); {@link #unavailableForFlushes} makes the next
 * flushes fail as if the node were down.
 */
public final class InMemoryIndex implements ConsentIndexFactory {

  public static final String REFUSED_SITE = "refused-by-the-index";
  public static final String MISSING_ALIAS_SITE = "index-without-alias";

  private static final Map<String, Map<String, ConsentRecord>> DOCUMENTS = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> UNAVAILABLE = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> WRITES = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public InMemoryIndex() {
    DOCUMENTS.put(id, new ConcurrentHashMap<>());
    UNAVAILABLE.put(id, new AtomicInteger());
    WRITES.put(id, new AtomicInteger());
  }

  public Map<String, ConsentRecord> documents() {
    return Map.copyOf(DOCUMENTS.get(id));
  }

  /** Documents written, overwrites included. */
  public int writes() {
    return WRITES.get(id).get();
  }

  public void unavailableForFlushes(int flushes) {
    UNAVAILABLE.get(id).set(flushes);
  }

  @Override
  public ConsentIndex open() {
    Map<String, ConsentRecord> documents = DOCUMENTS.get(id);
    AtomicInteger unavailable = UNAVAILABLE.get(id);
    AtomicInteger writes = WRITES.get(id);
    return new ConsentIndex() {
      private final List<ConsentRecord> buffered = new ArrayList<>();
      private final List<String> removals = new ArrayList<>();

      @Override
      public void add(ConsentRecord record) {
        buffered.add(record);
      }

      @Override
      public void remove(String consentId) {
        removals.add(consentId);
      }

      @Override
      public List<IndexFailure> flush() {
        List<IndexFailure> failures = new ArrayList<>();
        boolean down = unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        for (ConsentRecord record : buffered) {
          if (down) {
            failures.add(new IndexFailure(record.getConsentId(), -1, "ConnectException"));
          } else if (MISSING_ALIAS_SITE.equals(record.getSiteCode())) {
            failures.add(new IndexFailure(record.getConsentId(), 404, "index_not_found_exception"));
          } else if (REFUSED_SITE.equals(record.getSiteCode())) {
            failures.add(new IndexFailure(record.getConsentId(), 400, "document_parsing_exception"));
          } else {
            documents.put(record.getConsentId(), record);
            writes.incrementAndGet();
          }
        }
        buffered.clear();
        for (String consentId : removals) {
          if (down) {
            failures.add(new IndexFailure(consentId, -1, "ConnectException"));
          } else {
            documents.remove(consentId);
          }
        }
        removals.clear();
        return failures;
      }

      @Override
      public void close() {}
    };
  }
}
