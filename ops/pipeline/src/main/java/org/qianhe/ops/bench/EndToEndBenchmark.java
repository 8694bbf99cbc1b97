package org.qianhe.ops.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.ops.pipeline.LocalPipeline;
import org.qianhe.ops.pipeline.PipelineSettings;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.terminal.client.ConsentClient;
import org.qianhe.terminal.simulator.ConsentGenerator;

/**
 * {@code ./ops/bench/run.sh e2e}: consents per second from upload to searchable through the
 * whole pipeline (ingest, Kafka, Flink, Elasticsearch), and the freshness of each consent (upload
 * sent to found by a search) at a steady rate below saturation. Baseline, in the same run against
 * the same node: the same documents sent straight to Elasticsearch with {@code _bulk} until
 * searchable, the ceiling that no pipeline in front of this node can beat.
 *
 * <p>Arguments: [consents for the throughput phase, default 5000] [steady rate per second,
 * default 200] [steady seconds, default 10].
 */
public final class EndToEndBenchmark {

  private static final int TERMINALS = 8;

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int steadyRate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int steadySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path dataDir = Files.createTempDirectory("qianhe-bench-e2e");

    try (LocalPipeline pipeline = LocalPipeline.start(
        new PipelineSettings(dataDir, 0, 0, null, null));
        ConsentIndexClient index = ConsentIndexClient.connect(pipeline.stack().elasticsearch().httpUrl())) {
      ConsentGenerator generator = new ConsentGenerator(1, Instant.now());
      pipeline.registerTerminals(generator.allSiteCodes());
      ConsentClient client = ConsentClient.forSimulatedTerminals(pipeline.ingestUri(), Duration.ofSeconds(30));
      ElasticsearchClient es = index.client();

      say("warm-up: 500 consents");
      run(client, new VisibilityProbe(es, ConsentIndexClient.ALIAS), uploads(generator, 500), TERMINALS, 0);

      say("steady phase: %d consents/s for %d s", steadyRate, steadySeconds);
      VisibilityProbe steady = new VisibilityProbe(es, ConsentIndexClient.ALIAS);
      run(client, steady, uploads(generator, steadyRate * steadySeconds), TERMINALS, steadyRate);
      Percentiles freshness = steady.freshness();
      say("  freshness (upload sent to searchable): %s", freshness);

      say("throughput phase: %d consents from %d terminals, as fast as they are accepted", total, TERMINALS);
      List<ConsentUpload> measured = uploads(generator, total);
      VisibilityProbe saturated = new VisibilityProbe(es, ConsentIndexClient.ALIAS);
      long seconds = run(client, saturated, measured, TERMINALS, 0);
      double perSecond = total / (seconds / 1e9);
      say("  %d consents searchable in %.2f s: %.0f consents/s", total, seconds / 1e9, perSecond);

      say("baseline: the same %d documents straight to Elasticsearch with _bulk", total);
      double baselinePerSecond = rawBulk(es, measured);
      say("  %.0f documents/s", baselinePerSecond);

      long peak = PeakMemory.selfMb();
      long esPeak = PeakMemory.ofPid(pipeline.stack().elasticsearch().pid());
      System.out.printf(Locale.ROOT,
          "{\"bench\":\"e2e\",\"consents\":%d,\"consents_per_s\":%.0f,\"p50_freshness_ms\":%d,\"p99_freshness_ms\":%d,"
              + "\"steady_rate_per_s\":%d,\"baseline\":\"es-bulk\",\"baseline_per_s\":%.0f,\"ratio\":%.2f,"
              + "\"peak_rss_mb\":%d,\"es_peak_rss_mb\":%d}%n",
          total, perSecond, freshness.at(50), freshness.at(99), steadyRate, baselinePerSecond,
          perSecond / baselinePerSecond, peak, esPeak);
    }
    System.exit(0);
  }

  private static List<ConsentUpload> uploads(ConsentGenerator generator, int count) {
    return IntStream.range(0, count).mapToObj(i -> generator.next()).toList();
  }

  /**
   * Uploads at the given rate (0 = as fast as the terminals go) and waits until every accepted
   * consent is searchable; returns the nanoseconds from the first upload to the last one found.
   */
  private static long run(ConsentClient client, VisibilityProbe probe, List<ConsentUpload> uploads,
      int terminals, int ratePerSecond) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(terminals);
    AtomicInteger refused = new AtomicInteger();
    // Watch for searchable consents all along, not only once every upload is sent: a consent's
    // freshness is when a search first finds it.
    var watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleWithFixedDelay(() -> {
      try {
        probe.poll();
      } catch (Exception e) {
        // the next round asks again
      }
    }, 0, 50, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    for (int i = 0; i < uploads.size(); i++) {
      ConsentUpload upload = uploads.get(i);
      if (ratePerSecond > 0) {
        long due = start + (long) (i * 1e9 / ratePerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      pool.submit(() -> {
        long sent = System.nanoTime();
        try {
          if (client.upload(upload).accepted()) {
            probe.expect(upload.getConsentId(), sent);
          } else {
            refused.incrementAndGet();
          }
        } catch (Exception e) {
          refused.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (probe.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    watcher.shutdown();
    watcher.awaitTermination(10, TimeUnit.SECONDS);
    if (refused.get() > 0 || probe.pending() > 0) {
      throw new IllegalStateException(refused.get() + " uploads refused, " + probe.pending() + " never searchable");
    }
    return System.nanoTime() - start;
  }

  private static double rawBulk(ElasticsearchClient es, List<ConsentUpload> uploads) throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    PeopleProtector protector = new PeopleProtector(new BlindIndex(key), new IdentitySealer("bench", key));
    Instant now = Instant.now();
    List<BulkOperation> operations = new ArrayList<>();
    for (ConsentUpload upload : uploads) {
      var document = ConsentDocuments.toDocument(ConsentRecords.fromUpload(upload, now, protector));
      operations.add(BulkOperation.of(o -> o.index(i -> i.id(upload.getConsentId()).document(document))));
    }
    String rawIndex = "bench-raw-bulk";
    long start = System.nanoTime();
    for (int from = 0; from < operations.size(); from += 1_000) {
      List<BulkOperation> batch = operations.subList(from, Math.min(operations.size(), from + 1_000));
      if (es.bulk(b -> b.index(rawIndex).operations(batch)).errors()) {
        throw new IllegalStateException("raw bulk reported item errors");
      }
    }
    VisibilityProbe probe = new VisibilityProbe(es, rawIndex);
    uploads.forEach(u -> probe.expect(u.getConsentId(), start));
    while (probe.poll() > 0) {
      Thread.sleep(50);
    }
    return uploads.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
