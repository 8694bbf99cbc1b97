package org.qianhe.stream.bench;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.ops.bench.PeakMemory;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.stream.ConsentLoad;
import org.qianhe.stream.ConsentValidationJob;
import org.qianhe.stream.LiveJob;
import org.qianhe.stream.StreamJobConfig;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.dedup.DedupEvaluation;
import org.qianhe.stream.dedup.DedupWindows;
import org.qianhe.stream.dedup.LabelledPairs;
import org.qianhe.stream.elasticsearch.ElasticsearchIndexFactory;
import org.qianhe.stream.index.IndexConsents;
import org.qianhe.stream.kafka.ConsentTopics;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.IndexAction;
import org.qianhe.stream.records.RawConsent;
import org.qianhe.stream.staging.StagingSink;

/**
 * {@code ./ops/bench/run.sh stream}: the validation job's throughput against a pass-through job
 * with the same Kafka source and the same sinks (Elasticsearch, staging Parquet, quarantine); the
 * index operator's documents/s against a plain {@code _bulk} loader sending the same documents to
 * the same node; p99 freshness from consent.raw to searchable at a steady 1,000 events/s; and the
 * semantic dedup's sensitivity and specificity on the labelled set. Everything runs on the local
 * stack (one Kafka broker, one Elasticsearch node) on this machine's cores. Last line: JSON.
 *
 * <p>Arguments: {@code --events N} (default 50000) events for each throughput run,
 * {@code --freshness-seconds S} (default 30) of steady load, {@code --rounds R} (default 2): each
 * comparison alternates its two sides R times and keeps each side's best.
 */
public final class StreamBenchmark {

  private static final int PARALLELISM = 2;
  private static final int BULK_SIZE = 1000;

  /** The documents the index benchmarks send, shared with the in-process MiniCluster by index. */
  static volatile List<ConsentRecord> documents = List.of();
  /** The same, as the index operator receives them (encoded once, before the clock starts). */
  static volatile List<IndexAction> actions = List.of();

  private StreamBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = intArg(args, "--events", 50_000);
    int freshnessSeconds = intArg(args, "--freshness-seconds", 30);
    int rounds = intArg(args, "--rounds", 2);
    Path work = Files.createTempDirectory("qianhe-stream-bench");
    progress("starting Kafka and Elasticsearch");
    try (LocalStack stack = LocalStack.start()) {
      progress("semantic dedup on the labelled set");
      DedupEvaluation.Score dedup = DedupEvaluation.evaluate(LabelledPairs.generate(2025, 40), DedupWindows.sameDay());
      progress(String.format("  %d pairs: sensitivity %.3f, specificity %.3f (misses and false merges: %s)",
          dedup.pairs(), dedup.sensitivity(), dedup.specificity(), dedup.errorsByKind()));

      // a cold node and cold JITs would penalise whichever runs first: warm both paths up
      progress("warming up Elasticsearch, Flink and Kafka");
      documents = validConsents(Math.max(2000, events / 10), 5);
      actions = documents.stream().map(r -> IndexAction.keep(decoded(r))).toList();
      rawBulkRate(stack, "consents-warmup-000001");
      indexOperatorRate(stack);
      throughput(stack, work, rawLoad(Math.max(2000, events / 10), 6), true);
      throughput(stack, work, rawLoad(Math.max(2000, events / 10), 7), false);

      // each comparison alternates its two sides for --rounds rounds and keeps each side's best:
      // on a shared 2-core machine one slow round says more about the neighbours than about us
      progress("generating " + events + " consents for the index runs");
      documents = validConsents(events, 11);
      actions = documents.stream().map(r -> IndexAction.keep(decoded(r))).toList();
      double esSink = 0;
      double esRaw = 0;
      for (int round = 1; round <= rounds; round++) {
        double sink = indexOperatorRate(stack);
        progress(String.format("  round %d: index operator (parallelism %d): %.0f docs/s", round, PARALLELISM, sink));
        double raw = rawBulkRate(stack, "consents-rawbulk-00000" + round);
        progress(String.format("  round %d: raw _bulk loader (%d threads, %d docs per request): %.0f docs/s",
            round, PARALLELISM, BULK_SIZE, raw));
        esSink = Math.max(esSink, sink);
        esRaw = Math.max(esRaw, raw);
      }
      documents = List.of();
      actions = List.of();

      double job = 0;
      double baseline = 0;
      for (int round = 1; round <= rounds; round++) {
        progress("generating " + events + " consent.raw records (valid, invalid, retries, duplicates, garbage)");
        double jobRound = throughput(stack, work, rawLoad(events, 20 + round), true);
        progress(String.format("  round %d: validation job: %.0f events/s", round, jobRound));
        double baseRound = throughput(stack, work, rawLoad(events, 30 + round), false);
        progress(String.format("  round %d: pass-through job: %.0f events/s", round, baseRound));
        job = Math.max(job, jobRound);
        baseline = Math.max(baseline, baseRound);
      }

      progress("freshness at a steady 1,000 events/s for " + freshnessSeconds + " s");
      long p99 = Freshness.p99Millis(stack, work.resolve("freshness"), 1000, freshnessSeconds);
      progress("  p99 from consent.raw to searchable: " + p99 + " ms");

      double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      progress(String.format("load average at the end: %.1f on %d cores", load, Runtime.getRuntime().availableProcessors()));
      String json = String.format(java.util.Locale.ROOT,
          "{\"bench\":\"stream\",\"events_per_s\":%.0f,\"baseline_per_s\":%.0f,\"ratio\":%.2f,"
              + "\"es_docs_per_s\":%.0f,\"es_raw_docs_per_s\":%.0f,\"es_ratio\":%.2f,\"p99_freshness_ms\":%d,"
              + "\"dedup_sensitivity\":%.3f,\"dedup_specificity\":%.3f,\"peak_rss_mb\":%d,"
              + "\"events\":%d,\"cores\":%d}",
          job, baseline, job / baseline, esSink, esRaw, esSink / esRaw, p99,
          dedup.sensitivity(), dedup.specificity(), PeakMemory.selfMb(), events, Runtime.getRuntime().availableProcessors());
      System.out.println(json);
    }
  }

  /** The index operator alone, fed from memory, into the alias the job writes to. */
  private static double indexOperatorRate(LocalStack stack) throws Exception {
    StreamJobConfig config = benchConfig(stack, Map.of());
    TimedIndex index = new TimedIndex(new ElasticsearchIndexFactory(config.elasticsearch()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ConsentValidationJob.configure(env, config);
    int count = documents.size();
    env.fromSource(new DataGeneratorSource<>(i -> actions.get(i.intValue()), count,
            TypeInformation.of(IndexAction.class)),
            org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(), "documents")
        .transform("elasticsearch-index", TypeInformation.of(ConsentRecord.class),
            new IndexConsents(index, config.indexMaxPending(), config.indexRetryInterval()))
        .sinkTo(new DiscardingSink<>());
    env.execute("bench-index-operator");
    return index.documents() / index.seconds();
  }

  /** Plain _bulk requests of the same documents, into an index of the same template, from as many threads. */
  /** @param target an index matching the template's consents-* pattern: the same mapping as the alias' */
  private static double rawBulkRate(LocalStack stack, String target) throws Exception {
    try (ConsentIndexClient client = ConsentIndexClient.connect(stack.elasticsearch().httpUrl())) {
      client.client().indices().create(c -> c.index(target));
      List<ConsentRecord> docs = documents;
      ExecutorService threads = Executors.newFixedThreadPool(PARALLELISM);
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < PARALLELISM; t++) {
        int thread = t;
        done.add(threads.submit(() -> {
          for (int from = thread * BULK_SIZE; from < docs.size(); from += PARALLELISM * BULK_SIZE) {
            int to = Math.min(docs.size(), from + BULK_SIZE);
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (int i = from; i < to; i++) {
              // the same projection the index operator makes, inside the clock as there
              ConsentRecord record = docs.get(i);
              Map<String, Object> document = ConsentDocuments.toDocument(record);
              bulk.operations(o -> o.index(x -> x.index(target).id(record.getConsentId()).document(document)));
            }
            BulkResponse response = client.client().bulk(bulk.build());
            if (response.errors()) {
              throw new IllegalStateException("raw bulk loader: documents refused");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      threads.shutdown();
      return docs.size() / seconds;
    }
  }

  /** Events/s of the validation job (or the pass-through) reading a preloaded topic to its end. */
  private static double throughput(LocalStack stack, Path work, List<RawConsent> load, boolean validationJob)
      throws Exception {
    String name = validationJob ? "job" : "passthrough";
    String run = name + "-" + System.nanoTime();
    StreamJobConfig config = benchConfig(stack, Map.of(
        "topic.raw", "bench-" + run + ".raw",
        "topic.quarantine", "bench-" + run + ".quarantine",
        "topic.duplicates", "bench-" + run + ".duplicates",
        "kafka.group-id", "bench-" + run,
        "kafka.transactional-id-prefix", "bench-" + run,
        "staging.root", work.resolve(run).toUri().toString()));
    stack.kafka().createTopics(PARALLELISM, config.rawTopic(), config.quarantineTopic(), config.duplicatesTopic());
    progress("  loading " + load.size() + " records into " + config.rawTopic());
    int sent = Preload.send(config.bootstrapServers(), config.rawTopic(), load);
    KafkaSource<RawConsent> source = ConsentTopics.rawSourceBuilder(config).setBounded(OffsetsInitializer.latest()).build();
    TimedIndex index = new TimedIndex(new ElasticsearchIndexFactory(config.elasticsearch()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ConsentValidationJob.configure(env, config);
    if (validationJob) {
      new ConsentValidationJob(source, index, StagingSink.create(config.stagingRoot(), config.stagingCompression()),
          ConsentTopics.quarantineSink(config), ConsentTopics.duplicatesSink(config), config).build(env);
    } else {
      PassThroughJob.build(env, source, index, StagingSink.create(config.stagingRoot(), config.stagingCompression()),
          ConsentTopics.quarantineSink(config), config);
    }
    progress("  running the " + (validationJob ? "validation" : "pass-through") + " job");
    env.execute("bench-" + name);
    // every event passes the index operator in both jobs except what is quarantined or a duplicate
    // before it; the events read are the measure, the indexed span the time
    return sent / index.seconds();
  }

  static StreamJobConfig benchConfig(LocalStack stack, Map<String, String> overrides) {
    Map<String, String> settings = new java.util.HashMap<>(Map.of(
        "kafka.bootstrap-servers", stack.kafka().bootstrapServers(),
        "elasticsearch.url", stack.elasticsearch().httpUrl(),
        "checkpoint.dir", "none",
        "parallelism", Integer.toString(PARALLELISM)));
    settings.putAll(overrides);
    return StreamJobConfig.defaults().with(settings);
  }

  private static List<ConsentRecord> validConsents(int count, long seed) {
    TestConsents consents = new TestConsents(seed, Instant.now());
    List<ConsentRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(consents.any());
    }
    return Collections.unmodifiableList(records);
  }

  private static List<RawConsent> rawLoad(int count, long seed) {
    ConsentLoad load = new ConsentLoad(seed);
    List<RawConsent> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      records.add(load.next());
    }
    return records;
  }

  private static DecodedConsent decoded(ConsentRecord record) {
    return new DecodedConsent(record.getConsentId(), ConsentRecordCodec.encode(record), record);
  }

  static void progress(String message) {
    System.out.println("[stream-bench] " + message);
  }

  private static int intArg(String[] args, String name, int fallback) {
    int i = Arrays.asList(args).indexOf(name);
    return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : fallback;
  }
}
