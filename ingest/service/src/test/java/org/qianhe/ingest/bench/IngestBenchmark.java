package org.qianhe.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.qianhe.ingest.IngestApplication;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.ops.stack.KafkaBroker;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.terminal.client.ConsentClient;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.simulator.ConsentGenerator;
import org.qianhe.terminal.simulator.SimulatedCapture;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ops/bench/run.sh ingest}: signed uploads per second through the real service and their
 * latency, against a raw Kafka producer sending the same bytes in the same run.
 *
 * <p>One JVM holds the in-process Kafka broker (local stack), the ingest service (PostgreSQL on
 * 127.0.0.1:5432 by default, evidence store on the local disk, every write synced) and the load:
 * {@code concurrency} terminals, each sending one upload at a time over HTTP/1.1 keep-alive, as
 * clinics do. Each upload is realistic: consent JSON (~2 KB, signed), an ISO 19794-2 fingerprint
 * template (~1 KB) and a JPEG photo (~50 KB), as multipart/form-data; bodies are prepared before
 * the clock starts, and signed within the service's request window. The baseline is the same
 * number of threads each producing one of the same bodies at a time to a topic of the same
 * partitions with the same producer settings as ingest's (idempotent, acks=all) and waiting for
 * its acknowledgement. Peak memory is the whole JVM's (VmHWM): broker, service and load together.
 *
 * <p>Last line: {@code {"bench":"ingest","uploads_per_s":…,"p50_ms":…,"p99_ms":…,"baseline_per_s":…,"ratio":…,"peak_rss_mb":…}}.
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true)
public final class IngestBenchmark implements Callable<Integer> {

  @Option(names = "--uploads", defaultValue = "12000", description = "measured uploads (default ${DEFAULT-VALUE})")
  int uploads;

  @Option(names = "--warmup", defaultValue = "3000", description = "uploads before measuring (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--concurrency", defaultValue = "48", description = "terminals uploading at once (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--suite", defaultValue = "GM", description = "crypto suite of the deployment and terminals (default ${DEFAULT-VALUE})")
  String suite;

  @Option(names = "--database", defaultValue = "postgres", description = "postgres (127.0.0.1:5432/test) or h2 (embedded file)")
  String database;

  @Option(names = "--terminals", defaultValue = "64", description = "registered terminals the uploads come from")
  int terminals;

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    CryptoSuite cryptoSuite = CryptoSuites.of(suite);
    quietLogs();
    Path dataDir = Files.createTempDirectory("qianhe-bench-ingest");
    String summary;
    int exit;
    say("ingest benchmark: %d uploads (+%d warm-up), %d at a time, suite %s, database %s, %d cores",
        uploads, warmup, concurrency, cryptoSuite.name(), database, Runtime.getRuntime().availableProcessors());
    try (KafkaBroker kafka = KafkaBroker.start()) {
      kafka.createTopics(LocalStack.DEFAULT_PARTITIONS, "consent.raw", "bench.baseline");
      List<String> args = new ArrayList<>(List.of("--server.port=0", "--qianhe.data-dir=" + dataDir,
          "--qianhe.ingest.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--qianhe.ingest.crypto-suite=" + cryptoSuite.name(),
          "--spring.datasource.hikari.maximum-pool-size=" + Math.max(10, concurrency),
          "--server.tomcat.threads.max=" + Math.max(50, concurrency * 2),
          "--logging.level.root=WARN", "--spring.main.banner-mode=off", "--logging.level.kafka=WARN", "--logging.level.org.apache.kafka=WARN"));
      if (database.equals("postgres")) {
        args.add("--spring.profiles.active=postgres");
      }
      try (ConfigurableApplicationContext app = IngestApplication.start(args.toArray(String[]::new))) {
        URI uri = URI.create("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port") + "/v1/consents");
        List<Body> warm = prepare(app, cryptoSuite, warmup, "w");
        say("warm-up: %d uploads", warm.size());
        runUploads(uri, warm);
        List<Body> measured = prepare(app, cryptoSuite, uploads, "m");
        long payload = measured.stream().mapToLong(b -> b.bytes.length).sum() / measured.size();
        say("measuring: %d uploads of %d bytes on average", measured.size(), payload);
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        Map<String, Long> threads0 = threadCpuByGroup();
        long gc0 = gcMillis();
        Result ingest = runUploads(uri, measured);
        Map<String, Long> threads1 = threadCpuByGroup();
        double cpuPerUpload = (processCpuNanos() - cpu0) / 1e6 / measured.size();
        double coresUsed = (processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
        say("  ingest:   %,.0f uploads/s, p50 %.1f ms, p99 %.1f ms (%d refused)", ingest.perSecond(), ingest.p50(), ingest.p99(),
            ingest.failures());
        say("  CPU: %.2f ms per upload (service, broker, database client and load generator), %.2f of %d cores busy in this JVM",
            cpuPerUpload, coresUsed, Runtime.getRuntime().availableProcessors());
        StringBuilder groups = new StringBuilder("  CPU ms per upload by thread group:");
        long named = 0;
        for (Map.Entry<String, Long> group : threads1.entrySet()) {
          long used = group.getValue() - threads0.getOrDefault(group.getKey(), 0L);
          named += used;
          if (used / 1e6 / measured.size() >= 0.05) {
            groups.append(String.format(Locale.ROOT, " %s %.2f", group.getKey(), used / 1e6 / measured.size()));
          }
        }
        long total = processCpuNanos() - cpu0;
        groups.append(String.format(Locale.ROOT, " | JVM (GC, JIT) %.2f, of which GC pauses %.2f", (total - named) / 1e6 / measured.size(),
            (gcMillis() - gc0) / (double) measured.size()));
        say("%s", groups);
        stages(app);
        say("baseline: the same %d bodies produced straight to Kafka, %d at a time, acks=all", measured.size(), concurrency);
        runBaseline(kafka, warm.subList(0, Math.min(warm.size(), 2000)));
        Result baseline = runBaseline(kafka, measured);
        say("  producer: %,.0f records/s, p50 %.1f ms, p99 %.1f ms", baseline.perSecond(), baseline.p50(), baseline.p99());
        double ratio = ingest.perSecond() / baseline.perSecond();
        long peak = peakRssMb();
        say("ratio %.2f, peak RSS %d MB (broker, service and load in one JVM)", ratio, peak);
        summary = String.format(Locale.ROOT,
            "{\"bench\":\"ingest\",\"uploads_per_s\":%.0f,\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"baseline\":\"kafka-producer\","
                + "\"baseline_per_s\":%.0f,\"ratio\":%.2f,\"peak_rss_mb\":%d,\"suite\":\"%s\",\"concurrency\":%d,"
                + "\"payload_bytes\":%d,\"refused\":%d}",
            ingest.perSecond(), ingest.p50(), ingest.p99(), baseline.perSecond(), ratio, peak, cryptoSuite.name(),
            concurrency, payload, ingest.failures());
        exit = ingest.failures() == 0 ? 0 : 1;
      }
    }
    // everything is closed: nothing may print after the result line, which must come last
    ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).stop();
    System.out.println(summary);
    System.out.flush();
    return exit;
  }

  /** Progress lines only: the broker and the service log at WARN. */
  private static void quietLogs() {
    ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
  }

  /** A prepared request body and its content type. */
  private record Body(String consentId, byte[] bytes, String contentType) {}

  /** Registers the terminals and prepares the signed multipart bodies (signed now: inside the request window). */
  private List<Body> prepare(ConfigurableApplicationContext app, CryptoSuite cryptoSuite, int count, String tag) {
    TerminalRegistry registry = app.getBean(TerminalRegistry.class);
    ConsentGenerator generator = new ConsentGenerator(tag.hashCode(), Instant.now());
    Map<String, SigningKey> keys = new HashMap<>();
    List<Body> bodies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ConsentUpload consent = generator.next();
      consent.setConsentId(UUID.randomUUID().toString());
      String terminal = "T-bench-" + (i % terminals);
      SigningKey key = keys.computeIfAbsent(terminal + consent.getSiteCode(), t -> {
        SigningKey fresh = cryptoSuite.generateSigningKey(new SecureRandom());
        registry.register(terminal + "-" + consent.getSiteCode(), consent.getSiteCode(), consent.getRegionCode(),
            fresh.verificationKey());
        return fresh;
      });
      consent.setTerminalId(terminal + "-" + consent.getSiteCode());
      Submission captured = SimulatedCapture.of(consent, cryptoSuite);
      ConsentUpload signed = UploadSignatures.sign(captured.upload(), cryptoSuite, key, Instant.now());
      String boundary = ConsentClient.boundary();
      bodies.add(new Body(signed.getConsentId(),
          ConsentClient.multipart(boundary, ConsentJson.write(signed), new Submission(signed, captured.evidence())),
          "multipart/form-data; boundary=" + boundary));
    }
    return bodies;
  }

  private Result runUploads(URI uri, List<Body> bodies) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(10)).build();
    return run(bodies, body -> {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
          .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build(),
          HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 202;
    });
  }

  private Result runBaseline(KafkaBroker kafka, List<Body> bodies) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1 << 20);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      return run(bodies, body -> {
        producer.send(new ProducerRecord<>("bench.baseline", body.consentId(), body.bytes())).get();
        return true;
      });
    }
  }

  private interface Send {
    boolean send(Body body) throws Exception;
  }

  /** {@code concurrency} workers, each sending one body at a time until all are sent. */
  private Result run(List<Body> bodies, Send send) throws Exception {
    long[] latencies = new long[bodies.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        futures.add(workers.submit(() -> {
          for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            try {
              if (!send.send(bodies.get(i))) {
                failures.incrementAndGet();
              }
            } catch (IOException | RuntimeException e) {
              failures.incrementAndGet();
            }
            latencies[i] = System.nanoTime() - t0;
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      workers.shutdownNow();
    }
    long elapsed = System.nanoTime() - start;
    Arrays.sort(latencies);
    return new Result(bodies.size() / (elapsed / 1e9), percentile(latencies, 0.50), percentile(latencies, 0.99), failures.get());
  }

  /** Mean time per stage of an accepted upload, from the service's own timers (warm-up included). */
  private static void stages(ConfigurableApplicationContext app) {
    io.micrometer.core.instrument.MeterRegistry registry = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
    StringBuilder line = new StringBuilder("  stages (mean ms):");
    for (String stage : List.of("authenticate", "evidence-check", "claim", "evidence-write", "kafka", "accept")) {
      io.micrometer.core.instrument.Timer timer = registry.find("qianhe.ingest.stage").tag("stage", stage).timer();
      if (timer != null) {
        line.append(String.format(Locale.ROOT, " %s %.1f", stage, timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
      }
    }
    io.micrometer.core.instrument.Timer total = registry.find("qianhe.ingest.upload").tag("outcome", "accepted").timer();
    if (total != null) {
      line.append(String.format(Locale.ROOT, " | whole upload %.1f", total.mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
    }
    say("%s", line);
  }

  private record Result(double perSecond, double p50, double p99, int failures) {}

  private static double percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** CPU time of the live threads, summed by the kind of thread (digits in names dropped). */
  static Map<String, Long> threadCpuByGroup() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> groups = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(info.getThreadId());
      if (cpu > 0) {
        String name = info.getThreadName();
        String group = name.startsWith("http-nio") ? "service(tomcat)"
            : name.startsWith("pool-") || name.startsWith("HttpClient") ? "load(http client)"
            : name.contains("kafka-producer-network-thread | qianhe") ? "service(kafka producer)"
            : name.contains("kafka-producer") ? "baseline producer"
            : name.contains("kafka") || name.contains("raft") || name.contains("quorum") || name.contains("broker") ? "kafka broker"
            : name.replaceAll("[0-9]+", "N");
        groups.merge(group, cpu, Long::sum);
      }
    }
    return groups;
  }

  static long gcMillis() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
  }

  /** CPU time of this process (all threads, user and system). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The JVM's peak resident set (VmHWM), in MB; 0 where /proc is missing. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return 0;
  }

  private static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
  }
}
