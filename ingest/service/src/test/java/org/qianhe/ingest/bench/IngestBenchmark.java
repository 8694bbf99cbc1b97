package org.qianhe.ingest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.qianhe.ops.bench.GcTotals;
import org.qianhe.ops.bench.JitActivity;
import org.qianhe.ops.bench.PeakMemory;
import org.qianhe.ops.bench.ProcessCpu;
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
 * template (~1 KB) and a JPEG photo (~50 KB), as multipart/form-data.
 *
 * <p>Real terminals are other machines: their signing, JPEG encoding and HTTP client cost the
 * server nothing. Here they share the server's cores, so everything a terminal does is done before
 * the clock starts: every request is captured, signed (inside the service's request window: the run
 * checks that the last one is still inside it) and serialised to the bytes of an HTTP/1.1 request
 * before its phase; the timed phase only writes those bytes to a keep-alive socket per
 * terminal and reads the answer. The baseline is the same
 * number of threads each producing one of the same bodies at a time to a topic of the same
 * partitions with the same producer settings as ingest's (idempotent, acks=all) and waiting for
 * its acknowledgement. Peak memory is the whole JVM's (VmHWM): broker, service and load together.
 *
 * <p>Two ceilings say what this machine allows at all: the cryptography alone on every core, and
 * HTTP alone (the same requests to a bare Tomcat servlet that only reads them).
 *
 * <p>Last line: {@code {"bench":"ingest","uploads_per_s":…,"p50_ms":…,"p99_ms":…,"baseline_per_s":…,"ratio":…,"peak_rss_mb":…}}.
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true)
public final class IngestBenchmark implements Callable<Integer> {

  @Option(names = "--uploads", defaultValue = "12000", description = "measured uploads (default ${DEFAULT-VALUE})")
  int uploads;

  @Option(names = "--warmup", defaultValue = "3000", description = "uploads before measuring, at least (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--warmup-max", defaultValue = "15000",
      description = "more warm-up rounds of 1,000 uploads while the JIT still compiles, up to this many (default ${DEFAULT-VALUE})")
  int warmupMax;

  @Option(names = "--concurrency", defaultValue = "48", description = "terminals uploading at once (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--suite", defaultValue = "GM", description = "crypto suite of the deployment and terminals (default ${DEFAULT-VALUE})")
  String suite;

  @Option(names = "--database", defaultValue = "postgres", description = "postgres (127.0.0.1:5432/test) or h2 (embedded file)")
  String database;

  @Option(names = "--server-threads", defaultValue = "0", description = "Tomcat worker threads (default: the service's own setting)")
  int serverThreads;

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
          "--logging.level.root=WARN", "--spring.main.banner-mode=off", "--logging.level.kafka=WARN", "--logging.level.org.apache.kafka=WARN"));
      if (serverThreads > 0) {
        args.add("--server.tomcat.threads.max=" + serverThreads);
      }
      if (database.equals("postgres")) {
        args.add("--spring.profiles.active=postgres");
      }
      try (ConfigurableApplicationContext app = IngestApplication.start(args.toArray(String[]::new))) {
        int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
        warmUp(app, cryptoSuite, port);
        long signing = System.nanoTime();
        long signedAt = System.currentTimeMillis(); // the first request's signing time: the oldest when sent
        List<Body> measured = prepare(app, cryptoSuite, uploads, "m");
        say("prepared and signed %d requests in %.0f s, before the clock: terminals are other machines, their signing"
            + " and encoding are not the server's work", measured.size(), (System.nanoTime() - signing) / 1e9);
        long payload = measured.stream().mapToLong(b -> b.bytes.length).sum() / measured.size();
        say("measuring: %d uploads of %d bytes on average", measured.size(), payload);
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        Map<String, Long> threads0 = threadCpuByGroup();
        GcTotals gc0 = GcTotals.now();
        long jit0 = JitActivity.compilingMillis();
        long[] userSys0 = ProcessCpu.userSystemTicks(ProcessHandle.current().pid());
        Result ingest = runUploads(port, measured);
        long[] userSys1 = ProcessCpu.userSystemTicks(ProcessHandle.current().pid());
        Map<String, Long> threads1 = threadCpuByGroup();
        long lastSent = System.currentTimeMillis();
        Duration window = app.getBean(org.qianhe.ingest.system.IngestProperties.class).requestWindow();
        if (lastSent - signedAt > window.toMillis()) {
          say("  WARNING: the last request was sent %d s after signing, outside the %s request window", (lastSent - signedAt) / 1000, window);
        }
        double cpuPerUpload = (processCpuNanos() - cpu0) / 1e6 / measured.size();
        double coresUsed = (processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
        say("  ingest:   %,.0f uploads/s, p50 %.1f ms, p99 %.1f ms (%d failed; statuses other than 202 in the run: %s)",
            ingest.perSecond(), ingest.p50(), ingest.p99(), ingest.failures(), refusals);
        say("  CPU: %.2f ms per upload (service, broker, database client and load generator), %.2f of %d cores busy in this JVM;"
            + " %.0f%% of it in the kernel (sockets, files, fsync)", cpuPerUpload, coresUsed, Runtime.getRuntime().availableProcessors(),
            100.0 * (userSys1[1] - userSys0[1]) / Math.max(1, (userSys1[0] - userSys0[0]) + (userSys1[1] - userSys0[1])));
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
        groups.append(String.format(Locale.ROOT, " | JVM (GC, JIT) %.2f, of which GC pauses %.2f; JIT compiling %.1f s of the phase",
            (total - named) / 1e6 / measured.size(), GcTotals.now().since(gc0).millis() / (double) measured.size(), (JitActivity.compilingMillis() - jit0) / 1e3));
        say("%s", groups);
        stages(app);
        int workerThreads = app.getEnvironment().getRequiredProperty("server.tomcat.threads.max", Integer.class);
        Result http = httpCeiling(measured, workerThreads, dataDir.resolve("bare-tomcat"));
        say("ceiling: the same requests to a bare Tomcat (%d workers) whose servlet only reads them: %,.0f uploads/s,"
            + " p50 %.1f ms, p99 %.1f ms (%d failed)", workerThreads, http.perSecond(), http.p50(), http.p99(), http.failures());
        say("baseline: the same %d bodies produced straight to Kafka, %d at a time, acks=all", measured.size(), concurrency);
        runBaseline(kafka, baselineWarmup);
        Result baseline = runBaseline(kafka, measured);
        say("  producer: %,.0f records/s, p50 %.1f ms, p99 %.1f ms", baseline.perSecond(), baseline.p50(), baseline.p99());
        double crypto = cryptoCost(cryptoSuite);
        double ratio = ingest.perSecond() / baseline.perSecond();
        long peak = PeakMemory.selfMb();
        say("ratio %.2f, peak RSS %d MB (broker, service and load in one JVM)", ratio, peak);
        summary = String.format(Locale.ROOT,
            "{\"bench\":\"ingest\",\"uploads_per_s\":%.0f,\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"baseline\":\"kafka-producer\","
                + "\"baseline_per_s\":%.0f,\"ratio\":%.2f,\"peak_rss_mb\":%d,\"suite\":\"%s\",\"concurrency\":%d,"
                + "\"payload_bytes\":%d,\"refused\":%d,\"cpu_ms_per_upload\":%.2f,\"crypto_ms_per_upload\":%.2f,"
                + "\"http_ceiling_per_s\":%.0f}",
            ingest.perSecond(), ingest.p50(), ingest.p99(), baseline.perSecond(), ratio, peak, cryptoSuite.name(),
            concurrency, payload, ingest.failures(), cpuPerUpload, crypto, http.perSecond());
        exit = ingest.failures() == 0 ? 0 : 1;
      }
    }
    // everything is closed: nothing may print after the result line, which must come last
    ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).stop();
    System.out.println(summary);
    System.out.flush();
    return exit;
  }

  /**
   * Warm-up until the JIT has compiled the service: on a busy machine its compiler threads get
   * little CPU, and code still interpreted would be measured as the service's cost. Rounds of 1,000
   * uploads after the first, up to {@code --warmup-max}; says so when it stops there still compiling.
   */
  private void warmUp(ConfigurableApplicationContext app, CryptoSuite cryptoSuite, int port) throws Exception {
    int warmed = 0;
    for (int round = 0; warmed < Math.max(warmup, warmupMax); round++) {
      List<Body> warm = prepare(app, cryptoSuite, warmed == 0 ? warmup : 1000, "w" + round);
      long jit0 = JitActivity.compilingMillis();
      long wall0 = System.nanoTime();
      runUploads(port, warm);
      double compiling = (JitActivity.compilingMillis() - jit0) / ((System.nanoTime() - wall0) / 1e6);
      warmed += warm.size();
      if (round == 0) {
        baselineWarmup = warm.subList(0, Math.min(warm.size(), 2000));
      }
      say("warm-up: %d uploads, JIT compiling %.0f%% of the round", warmed, 100 * compiling);
      if (warmed >= warmup && compiling < 0.10) {
        return;
      }
      JitActivity.awaitQuiet();
    }
    // on 2 cores, with the broker and the load in this JVM, the JIT may never finish: say so
    say("warm-up: stopped at --warmup-max %d with the JIT still compiling; the measured phase includes compilation"
        + " (a larger --warmup-max measures a warmer service)", warmupMax);
  }

  /** Progress lines only: the broker and the service log at WARN. */
  private static void quietLogs() {
    ch.qos.logback.classic.LoggerContext context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
  }

  /**
   * A prepared upload: its multipart body (what the baseline produces) and the whole HTTP/1.1
   * request carrying it (what a terminal sends).
   */
  private record Body(String consentId, byte[] bytes, byte[] request) {}

  /** A few prepared uploads with their terminal's key, for the cryptography cost after the run. */
  private record Sample(Submission submission, org.qianhe.model.crypto.VerificationKey key) {}

  private final List<Sample> samples = new ArrayList<>();

  /** Bodies the baseline's producer warms up with. */
  private List<Body> baselineWarmup = List.of();

  /** The terminals' keys, by terminal id: registered once, used by every prepared request. */
  private final Map<String, SigningKey> keys = new HashMap<>();

  /** Registers the terminals and prepares the signed multipart bodies (signed now: inside the request window). */
  private List<Body> prepare(ConfigurableApplicationContext app, CryptoSuite cryptoSuite, int count, String tag) {
    TerminalRegistry registry = app.getBean(TerminalRegistry.class);
    ConsentGenerator generator = new ConsentGenerator(tag.hashCode(), Instant.now());
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
      if (samples.size() < 300) {
        samples.add(new Sample(new Submission(signed, captured.evidence()), key.verificationKey()));
      }
      String boundary = ConsentClient.boundary();
      byte[] body = ConsentClient.multipart(boundary, ConsentJson.write(signed), new Submission(signed, captured.evidence()));
      byte[] head = ("POST /v1/consents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=" + boundary
          + "\r\nAccept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] request = Arrays.copyOf(head, head.length + body.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      bodies.add(new Body(signed.getConsentId(), body, request));
    }
    return bodies;
  }

  /** One keep-alive connection per terminal; each sends its next prepared request once the last one was answered. */
  private final Map<String, Integer> refusals = new java.util.concurrent.ConcurrentHashMap<>();

  private Result runUploads(int port, List<Body> bodies) throws Exception {
    ThreadLocal<Connection> connections = new ThreadLocal<>();
    List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      return run(bodies, body -> {
        Connection connection = connections.get();
        if (connection == null || connection.closing()) {
          if (connection != null) {
            connection.close();
          }
          connection = new Connection(port);
          connections.set(connection);
          opened.add(connection);
        }
        int status = connection.send(body.request());
        if (status != 202) {
          refusals.merge(String.valueOf(status), 1, Integer::sum);
        }
        return status == 202;
      });
    } finally {
      for (Connection connection : opened) {
        connection.close();
      }
    }
  }

  /** A terminal's HTTP/1.1 connection: writes a prepared request, reads the status and skips the answer's body. */
  private static final class Connection implements java.io.Closeable {
    private final java.net.Socket socket;
    private final java.io.InputStream in;
    private final java.io.OutputStream out;
    private boolean closing;

    Connection(int port) throws IOException {
      socket = new java.net.Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(60_000);
      in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
      out = socket.getOutputStream();
    }

    /** The answer's status; the connection is unusable afterwards when {@link #closing()}. */
    int send(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String status = line();
      int contentLength = -1;
      boolean chunked = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          contentLength = Integer.parseInt(lower.substring(15).strip());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          closing = true; // Tomcat ends a keep-alive connection after max-keep-alive-requests
        }
      }
      if (chunked) {
        for (int size = Integer.parseInt(line().strip(), 16); size > 0; size = Integer.parseInt(line().strip(), 16)) {
          in.skipNBytes(size);
          line();
        }
        line();
      } else if (contentLength > 0) {
        in.skipNBytes(contentLength);
      }
      return Integer.parseInt(status.substring(9, 12));
    }

    boolean closing() {
      return closing;
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new java.io.EOFException("connection closed by the service");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * The same requests from the same terminals to a bare embedded Tomcat with as many workers as the
   * service, whose one servlet reads each body and answers 202 with a receipt-sized body: what
   * HTTP alone costs on this machine, before any parsing, cryptography, disk or Kafka. No upload
   * can be faster, so a target above it is a target for other hardware.
   */
  private Result httpCeiling(List<Body> bodies, int workerThreads, Path baseDir) throws Exception {
    byte[] answer = new byte[400];
    Arrays.fill(answer, (byte) ' ');
    org.apache.catalina.startup.Tomcat tomcat = new org.apache.catalina.startup.Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("maxThreads", String.valueOf(workerThreads));
    org.apache.catalina.Context context = tomcat.addContext("", null);
    org.apache.catalina.startup.Tomcat.addServlet(context, "drain", new jakarta.servlet.http.HttpServlet() {
      @Override
      protected void service(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
          throws IOException {
        request.getInputStream().readAllBytes();
        response.setStatus(202);
        response.setContentType("application/json");
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
      }
    });
    context.addServletMappingDecoded("/*", "drain");
    tomcat.start();
    try {
      int port = tomcat.getConnector().getLocalPort();
      runUploads(port, bodies.subList(0, Math.min(bodies.size(), 2000)));
      return runUploads(port, bodies);
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
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
              refusals.merge(e.getClass().getSimpleName(), 1, Integer::sum);
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

  /**
   * The cryptography the service does for one upload, on one thread with the JIT warm, in CPU time:
   * the part of an upload's cost that only the suite's implementation can lower. Envelope
   * encryption is timed on the evidence bytes as one message (the object the store seals).
   */
  private double cryptoCost(CryptoSuite suite) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    SigningKey receiptKey = suite.generateSigningKey(new SecureRandom());
    byte[] dataKey = new byte[suite.cipherKeyBytes()];
    byte[] nonce = new byte[CryptoSuite.NONCE_BYTES];
    byte[] aad = "QHEV/1/address".getBytes(StandardCharsets.US_ASCII);
    String[] names = {"signature check (with canonical JSON)", "evidence digests", "content digest", "evidence encryption",
        "receipt signature"};
    long[] cpu = new long[names.length];
    for (int round = 0; round < 3; round++) {
      java.util.Arrays.fill(cpu, 0);
      for (Sample sample : samples) {
        ConsentUpload upload = sample.submission().upload();
        long t0 = mx.getCurrentThreadCpuTime();
        if (!UploadSignatures.verify(upload, suite, sample.key())) {
          throw new IllegalStateException("a prepared upload does not verify");
        }
        long t1 = mx.getCurrentThreadCpuTime();
        int size = 0;
        for (byte[] bytes : sample.submission().evidence().values()) {
          suite.digestHex(bytes);
          size += bytes.length;
        }
        long t2 = mx.getCurrentThreadCpuTime();
        String digest = UploadSignatures.contentDigest(suite, upload);
        long t3 = mx.getCurrentThreadCpuTime();
        byte[] plaintext = new byte[size];
        suite.encrypt(dataKey, nonce, aad, plaintext);
        long t4 = mx.getCurrentThreadCpuTime();
        suite.sign(receiptKey, org.qianhe.model.crypto.ReceiptSignatures.signingInput(upload.getConsentId(), digest, Instant.now()));
        long t5 = mx.getCurrentThreadCpuTime();
        cpu[0] += t1 - t0;
        cpu[1] += t2 - t1;
        cpu[2] += t3 - t2;
        cpu[3] += t4 - t3;
        cpu[4] += t5 - t4;
      }
    }
    StringBuilder line = new StringBuilder("server cryptography per upload (" + suite.name() + ", one thread, CPU ms):");
    double total = 0;
    for (int i = 0; i < names.length; i++) {
      double ms = cpu[i] / 1e6 / samples.size();
      total += ms;
      line.append(String.format(Locale.ROOT, " %s %.3f,", names[i], ms));
    }
    say("%s total %.2f: on %d cores at most %,.0f uploads/s for the cryptography alone", line, total,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors() * 1000 / total);
    return total;
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
            : name.startsWith("pool-") ? "load(terminals)"
            : name.contains("kafka-producer-network-thread | qianhe") ? "service(kafka producer)"
            : name.contains("kafka-producer") ? "baseline producer"
            : name.contains("kafka") || name.contains("raft") || name.contains("quorum") || name.contains("broker") ? "kafka broker"
            : name.replaceAll("[0-9]+", "N");
        groups.merge(group, cpu, Long::sum);
      }
    }
    return groups;
  }

  /** CPU time of this process (all threads, user and system). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
  }
}
