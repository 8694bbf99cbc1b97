package org.qianhe.stream.bench;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.execution.JobClient;
import org.qianhe.model.ConsentRecord;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.stream.LiveJob;
import org.qianhe.stream.TestConsents;

/**
 * Freshness as an analyst sees it: from the moment a consent is written to consent.raw until a
 * search finds it, at a steady rate (not at saturation), with the production settings (bulk flush
 * every second, index refresh every second, checkpoints every 10 s). Searches poll every 100 ms,
 * which is the resolution.
 */
final class Freshness {

  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final long POLL_MS = 100;
  /** One consent in this many is tracked: searching for every one would load the node it measures. */
  private static final int SAMPLE_EVERY = 10;

  private Freshness() {}

  static long p99Millis(LocalStack stack, Path root, int perSecond, int seconds) throws Exception {
    int count = perSecond * seconds;
    TestConsents consents = new TestConsents(44, Instant.now());
    List<ConsentRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(consents.valid());
    }
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> foundAt = new ConcurrentHashMap<>();
    java.util.Set<String> routedElsewhere = new java.util.HashSet<>();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    try (LiveJob live = LiveJob.on(stack, root, Map.of("checkpoint.interval", "10 s", "parallelism", "2"));
        ConsentIndexClient index = ConsentIndexClient.connect(stack.elasticsearch().httpUrl())) {
      JobClient job = live.start();
      try {
        Thread.sleep(5000); // the job's first bulk and index checks
        int tracked = (count + SAMPLE_EVERY - 1) / SAMPLE_EVERY;
        Thread poller = new Thread(() -> poll(index, sentAt, foundAt, tracked, stop), "freshness-poller");
        poller.setDaemon(true);
        poller.start();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          long due = start + 1_000_000_000L * i / perSecond;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
          ConsentRecord record = records.get(i);
          if (i % SAMPLE_EVERY == 0) {
            sentAt.put(record.getConsentId(), System.nanoTime());
          }
          live.send(record);
        }
        live.flush();
        poller.join(Duration.ofSeconds(60).toMillis());
        stop.set(true);
        poller.join();
      } finally {
        job.cancel().get();
      }
      // the simulator can give two children the same ID number (its sequence part repeats), and then
      // the same vaccination of "both" is rightly a duplicate, never indexed: not a freshness sample
      routedElsewhere.addAll(live.duplicateKeys());
      routedElsewhere.addAll(live.quarantinedKeys());
    }
    long warmUpEnd = perSecond * WARM_UP.toSeconds() / SAMPLE_EVERY * SAMPLE_EVERY;
    List<Long> latencies = new ArrayList<>();
    for (int i = (int) warmUpEnd; i < count; i += SAMPLE_EVERY) {
      String id = records.get(i).getConsentId();
      if (routedElsewhere.contains(id)) {
        continue;
      }
      Long found = foundAt.get(id);
      latencies.add(found == null ? Long.MAX_VALUE : (found - sentAt.get(id)) / 1_000_000);
    }
    latencies.sort(null);
    long missing = latencies.stream().filter(l -> l == Long.MAX_VALUE).count();
    if (missing > 0) {
      StreamBenchmark.progress("  " + missing + " consents were not searchable within a minute");
    }
    StreamBenchmark.progress("  freshness p50 " + latencies.get(latencies.size() / 2) + " ms, p99 "
        + latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) + " ms, max " + latencies.get(latencies.size() - 1) + " ms");
    return latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
  }

  @SuppressWarnings("rawtypes")
  private static void poll(ConsentIndexClient index, Map<String, Long> sentAt, Map<String, Long> foundAt, int count,
      java.util.concurrent.atomic.AtomicBoolean stop) {
    long deadline = Long.MAX_VALUE;
    while (foundAt.size() < count && System.nanoTime() < deadline && !stop.get()) {
      if (sentAt.size() == count && deadline == Long.MAX_VALUE) {
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      }
      List<String> pending = sentAt.keySet().stream().filter(id -> !foundAt.containsKey(id)).toList();
      try {
        for (int from = 0; from < pending.size(); from += 5000) {
          List<String> chunk = pending.subList(from, Math.min(pending.size(), from + 5000));
          SearchResponse<Map> response = index.client().search(s -> s.index(ConsentIndexClient.ALIAS)
              .query(q -> q.ids(i -> i.values(chunk))).source(src -> src.fetch(false)).size(chunk.size()), Map.class);
          long now = System.nanoTime();
          for (Hit<Map> hit : response.hits().hits()) {
            foundAt.putIfAbsent(hit.id(), now);
          }
        }
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        StreamBenchmark.progress("  search failed: " + e.getClass().getSimpleName());
      }
    }
  }
}
