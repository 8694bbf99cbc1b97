package org.qianhe.search.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import org.qianhe.model.Decision;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.ops.bench.DiskStallWatch;
import org.qianhe.ops.bench.GcTotals;
import org.qianhe.ops.bench.JitActivity;
import org.qianhe.ops.bench.PeakMemory;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.ElasticsearchNodeSettings;
import org.qianhe.search.SearchApplication;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.search.query.ConsentQueries;
import org.qianhe.search.query.TraceCriteria;
import org.qianhe.search.security.RegionScope;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./ops/bench/run.sh search [--docs N] [--queries N] [--warmup-max N] [--service qianhe.search.KEY=VALUE]...}:
 * trace query latency through the search service's REST API (HTTP Basic, scope filter, audit row
 * in PostgreSQL, JSON) against the same queries sent straight to Elasticsearch in the same run, and
 * CSV export rows per second. {@code --service} passes a setting to the service, to compare two
 * values of it on the same machine.
 *
 * <p>Loads {@code docs} synthetic consents (default 10 000 000) into one local node
 * ({@link BulkLoader}), warms both paths up until this JVM's JIT is done with them (rounds of every
 * query type, up to {@code warmup-max} per type, default 1 000), then, for each trace query type,
 * {@code queries} requests (default 500) to each path, alternating (and taking turns at going first)
 * so that both see the same machine and the same caches. Last line: one JSON object.
 */
public final class SearchBenchmark {

  private static final String USER = "bench";
  private static final String PASSWORD = "bench-Passw0rd-" + UUID.randomUUID();
  private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
  /** Queries per type and path in one warm-up round. */
  private static final int WARMUP_ROUND = 50;
  /** Warm when the JIT compiled during less than this share of a round's time. */
  private static final double WARM_ENOUGH = 0.10;

  /** One kind of trace question: its API parameters and its criteria, drawn at random. */
  private record QueryType(String name, Function<SplittableRandom, TraceCriteria> draw, boolean stats) {}

  public static void main(String[] args) throws Exception {
    long docs = 10_000_000L;
    int queries = 500;
    int warmupMax = 1000;
    // service settings to compare, e.g. qianhe.search.export.parallelism=3
    List<String> serviceArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--docs" -> docs = Long.parseLong(args[++i].replace("_", ""));
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        case "--warmup-max" -> warmupMax = Integer.parseInt(args[++i]);
        case "--service" -> serviceArgs.add("--" + args[++i]);
        default -> throw new IllegalArgumentException(
            "usage: SearchBenchmark [--docs N] [--queries N] [--warmup-max N] [--service qianhe.search.KEY=VALUE]..., not " + args[i]);
      }
    }
    Path work = Files.createTempDirectory("qianhe-search-bench");
    // before the first logger: the test logging configuration writes this file
    System.setProperty("qianhe.test.log", work.resolve("app.log").toString());
    String esHeap = System.getenv().getOrDefault("QIANHE_BENCH_ES_HEAP", docs > 2_000_000 ? "4g" : "2g");
    say("search benchmark: %,d documents, %d queries per type and path, Elasticsearch heap %s", docs, queries, esHeap);

    String schema = "qb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (ElasticsearchNode node = ElasticsearchNode.start(ElasticsearchNodeSettings.defaults()
        .withJavaOpts("-Xms" + esHeap + " -Xmx" + esHeap));
         ConsentIndexClient index = ConsentIndexClient.connect(node.httpUrl())) {
      SyntheticConsents synthetic = new SyntheticConsents(42, docs);
      index.ensureIndex();
      // the service starts before the long load: it loads its classes while the jars are as built
      List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
          "--logging.level.root=WARN", "--spring.profiles.active=postgres",
          "--spring.datasource.url=" + JDBC + "?currentSchema=" + schema, "--spring.flyway.schemas=" + schema,
          "--qianhe.search.elasticsearch.url=" + node.httpUrl(), "--qianhe.search.data-dir=" + work,
          "--qianhe.search.bootstrap.admin-password=" + PASSWORD,
          "--qianhe.search.bootstrap.users[0].username=" + USER, "--qianhe.search.bootstrap.users[0].password=" + PASSWORD,
          "--qianhe.search.bootstrap.users[0].roles=ANALYST", "--qianhe.search.bootstrap.users[0].regions=41"));
      appArgs.addAll(serviceArgs);
      ConfigurableApplicationContext app = SearchApplication.start(appArgs.toArray(String[]::new));
      try {
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        // every path once on the empty index: a broken service fails now, not after the load
        say("  (smoke check on the empty index)");
        timeApi(base, SearchFixture.basic(USER, PASSWORD), criteria(c -> c.lot = "NONE"), false);
        exportApi(base, SearchFixture.basic(USER, PASSWORD), synthetic.regions().get(0));
        load(index, node.httpUrl(), synthetic, docs);
        run(base, index.client(), app.getBean(AuditLog.class), synthetic, docs, queries, warmupMax, node.pid());
      } finally {
        app.close();
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", ""); Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
      }
    }
  }

  private static void load(ConsentIndexClient index, String httpUrl, SyntheticConsents synthetic, long docs)
      throws Exception {
    long started = System.nanoTime();
    BulkLoader loader = new BulkLoader(index.client(), httpUrl);
    loader.load(synthetic, docs);
    double seconds = (System.nanoTime() - started) / 1e9;
    say("loaded %,d consents in %.1f s (%.0f docs/s); the index counts %,d", docs, seconds, docs / seconds, index.count());
    loader.settle();
  }

  private static void run(String base, ElasticsearchClient es, AuditLog audit, SyntheticConsents synthetic, long docs,
      int queries, int warmupMax, long esPid) throws Exception {
    List<String> vaccines = synthetic.vaccines();
    List<String> regions = synthetic.regions();
    long children = synthetic.children();
    List<QueryType> types = List.of(
        new QueryType("recall by lot", r -> criteria(c -> c.lot = SyntheticConsents.lot(pick(r, vaccines),
            r.nextInt(SyntheticConsents.LOTS_PER_VACCINE))), false),
        new QueryType("child history", r -> criteria(c -> c.childKey = SyntheticConsents.personKey('c', r.nextLong(children))), false),
        new QueryType("site + month", r -> criteria(c -> {
          c.site = SyntheticConsents.site(pick(r, regions), r.nextInt(SyntheticConsents.SITES_PER_REGION));
          month(c, r);
        }), false),
        new QueryType("terminal + day", r -> criteria(c -> {
          c.terminal = SyntheticConsents.terminal(SyntheticConsents.site(pick(r, regions), r.nextInt(SyntheticConsents.SITES_PER_REGION)));
          LocalDate day = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(730));
          c.from = day;
          c.to = day;
        }), false),
        new QueryType("vaccine + week, declined", r -> criteria(c -> {
          c.vaccine = pick(r, vaccines);
          LocalDate day = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(723));
          c.from = day;
          c.to = day.plusDays(6);
          c.decision = Decision.DECLINED;
        }), false),
        new QueryType("stats: site + month", r -> criteria(c -> {
          c.site = SyntheticConsents.site(pick(r, regions), r.nextInt(SyntheticConsents.SITES_PER_REGION));
          month(c, r);
        }), true));

    String auth = SearchFixture.basic(USER, PASSWORD);
    RegionScope scope = RegionScope.of(List.of("41"));
    SplittableRandom random = new SplittableRandom(7);
    warmUp(types, base, auth, es, scope, random, warmupMax, esPid);
    // The load left this JVM's old generation full of its garbage: collected now, it would
    // otherwise come back as mixed collections and remark pauses inside the measured requests.
    System.gc();
    JitActivity.awaitQuiet(esPid);
    DiskStallWatch disk = DiskStallWatch.start();
    Timings allApi = new Timings();
    Timings allRaw = new Timings();
    long serviceCpu0 = serviceThreadsCpuNanos();
    GcTotals gc0 = GcTotals.now();
    long apiCalls = 0;
    for (QueryType type : types) {
      Timings api = new Timings();
      Timings raw = new Timings();
      for (int i = 0; i < queries; i++) {
        long[] pair = timePair(type, random, i, base, auth, es, scope);
        apiCalls++;
        api.add(pair[0]);
        raw.add(pair[1]);
      }
      allApi.addAll(api);
      allRaw.addAll(raw);
      say("  %-26s API p50 %6.1f ms  p99 %6.1f ms | Elasticsearch p50 %6.1f ms  p99 %6.1f ms", type.name(),
          api.percentileMs(50), api.percentileMs(99), raw.percentileMs(50), raw.percentileMs(99));
    }

    // CPU moves far less than latency with what else the machine runs: it shows what the service costs
    double serviceCpuMs = (serviceThreadsCpuNanos() - serviceCpu0) / 1e6 / apiCalls;
    GcTotals gc = GcTotals.now().since(gc0);
    disk.close();
    say("  garbage collections in this JVM while measuring: %d, %d ms in all", gc.count(), gc.millis());
    say("  the disk while measuring (each audit row's commit waits for it): %s", disk.summary());
    say("  service CPU per API request (its Tomcat threads: HTTP, security, query, JSON, audit call): %.2f ms", serviceCpuMs);

    // warm both export paths up on one district, then measure on another
    say("  (export warm-up)");
    exportApi(base, auth, regions.get(1));
    exportRaw(es, scope, regions.get(1));
    String region = regions.get(0);
    double apiExport = exportApi(base, auth, region);
    double rawExport = exportRaw(es, scope, region);
    Timings auditWrites = new Timings();
    for (int i = 0; i < 200; i++) {
      long started = System.nanoTime();
      audit.record(AuditEvent.of(USER, AuditAction.SEARCH, "benchmark: audit write alone", 0));
      auditWrites.add(System.nanoTime() - started);
    }
    say("  one audit row alone (part of every API answer): p50 %.1f ms, p99 %.1f ms",
        auditWrites.percentileMs(50), auditWrites.percentileMs(99));
    long esPeak = PeakMemory.ofPid(esPid);
    long ownPeak = PeakMemory.selfMb();

    double p50 = allApi.percentileMs(50);
    double p99 = allApi.percentileMs(99);
    double rawP50 = allRaw.percentileMs(50);
    double rawP99 = allRaw.percentileMs(99);
    double overhead = rawP99 > 0 ? p99 / rawP99 : 0;
    say("all trace queries: API p50 %.1f ms, p99 %.1f ms; Elasticsearch p50 %.1f ms, p99 %.1f ms; overhead (p99) %.3fx, (p50) %.3fx",
        p50, p99, rawP50, rawP99, overhead, rawP50 > 0 ? p50 / rawP50 : 0);
    say("export of region %s: API %.0f rows/s, Elasticsearch point in time + search_after %.0f rows/s", region,
        apiExport, rawExport);
    say("peak RSS: benchmark JVM with the search service %d MB, Elasticsearch %d MB", ownPeak, esPeak);
    System.out.printf(Locale.ROOT, "{\"bench\":\"search\",\"docs\":%d,\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"raw_p99_ms\":%.1f,"
            + "\"overhead\":%.2f,\"export_rows_per_s\":%.0f,\"peak_rss_mb\":%d,\"service_cpu_ms_per_query\":%.2f}%n",
        docs, p50, p99, rawP99, overhead, apiExport, ownPeak, serviceCpuMs);
  }

  /**
   * One question of this type, drawn at random, asked through the API and straight to
   * Elasticsearch; the API's time and Elasticsearch's, in nanoseconds.
   */
  private static long[] timePair(QueryType type, SplittableRandom random, int i, String base, String auth,
      ElasticsearchClient es, RegionScope scope) throws Exception {
    TraceCriteria c = type.draw().apply(random);
    // Whichever path asks second finds Elasticsearch's caches warm for this exact query (the
    // shard request cache answers a repeated size-0 aggregation outright): take turns going first.
    if (i % 2 == 0) {
      long a = timeApi(base, auth, c, type.stats());
      return new long[] {a, timeRaw(es, scope, c, type.stats())};
    }
    long b = timeRaw(es, scope, c, type.stats());
    return new long[] {timeApi(base, auth, c, type.stats()), b};
  }

  /**
   * Both paths, every query type, in rounds until the JIT no longer compiles much: a service runs
   * warm for days, and while this JVM's compiler threads still work on the service's code (Tomcat,
   * Spring Security and MVC, the audit call) they take one of the two cores from every request, so
   * a cold service would be measured as a slow one. After each round but the last the JIT and
   * Elasticsearch get the idle machine to finish what they queued.
   */
  private static void warmUp(List<QueryType> types, String base, String auth, ElasticsearchClient es,
      RegionScope scope, SplittableRandom random, int warmupMax, long esPid) throws Exception {
    int perType = 0;
    while (perType < warmupMax) {
      long jit0 = JitActivity.compilingMillis();
      long wall0 = System.nanoTime();
      for (QueryType type : types) {
        for (int i = 0; i < WARMUP_ROUND; i++) {
          timePair(type, random, i, base, auth, es, scope);
        }
      }
      perType += WARMUP_ROUND;
      double compiling = (JitActivity.compilingMillis() - jit0) / ((System.nanoTime() - wall0) / 1e6);
      say("  warm-up: %d queries per type and path, JIT compiling %.0f%% of the round", perType, 100 * compiling);
      if (compiling < WARM_ENOUGH) {
        return; // the caller collects, then waits for the quiet machine
      }
      if (perType < warmupMax) {
        JitActivity.awaitQuiet(esPid);
      }
    }
    say("  warm-up stopped at --warmup-max %d with the JIT still compiling", warmupMax);
  }

  /** Mutable holder, so each query type draws only the criteria it uses. */
  private static final class Draft {
    String lot;
    String vaccine;
    String site;
    String terminal;
    String childKey;
    LocalDate from;
    LocalDate to;
    Decision decision;
  }

  private static TraceCriteria criteria(java.util.function.Consumer<Draft> fill) {
    Draft d = new Draft();
    fill.accept(d);
    return new TraceCriteria(d.lot, d.vaccine, d.site, d.terminal, null, d.childKey, null, d.from, d.to, d.decision, null);
  }

  private static void month(Draft c, SplittableRandom r) {
    LocalDate first = LocalDate.of(2024, 1, 1).plusMonths(r.nextInt(24));
    c.from = first;
    c.to = first.plusMonths(1).minusDays(1);
  }

  private static String pick(SplittableRandom r, List<String> values) {
    return values.get(r.nextInt(values.size()));
  }

  private static long timeApi(String base, String auth, TraceCriteria c, boolean stats) throws Exception {
    Map<String, String> p = new LinkedHashMap<>();
    put(p, "lot", c.lot());
    put(p, "vaccine", c.vaccine());
    put(p, "site", c.site());
    put(p, "terminal", c.terminal());
    put(p, "childKey", c.childKey());
    put(p, "from", c.from());
    put(p, "to", c.to());
    put(p, "decision", c.decision());
    StringBuilder q = new StringBuilder(base).append(stats ? "/v1/trace/stats?" : "/v1/trace?");
    p.forEach((k, v) -> q.append(k).append('=').append(SearchFixture.enc(v)).append('&'));
    URL url = URI.create(q.toString()).toURL();
    long started = System.nanoTime();
    HttpURLConnection http = get(url, auth);
    int status = http.getResponseCode();
    byte[] body;
    try (InputStream in = status == 200 ? http.getInputStream() : http.getErrorStream()) {
      body = in.readAllBytes();
    }
    long elapsed = System.nanoTime() - started;
    if (status != 200) {
      throw new IllegalStateException("API answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
    }
    return elapsed;
  }

  /**
   * A blocking request on a kept-alive connection: the caller's thread reads the answer, as the
   * typed client's caller waits for Elasticsearch's, without the hand-offs between the selector
   * and worker threads of {@code java.net.http.HttpClient}, which are the client's cost, not the
   * service's.
   */
  private static HttpURLConnection get(URL url, String auth) throws IOException {
    HttpURLConnection http = (HttpURLConnection) url.openConnection();
    http.setRequestProperty("Authorization", auth);
    http.setUseCaches(false);
    return http;
  }

  /** The request the service sends for the same criteria and scope (ConsentTraces, ScopedIndex). */
  @SuppressWarnings("rawtypes")
  private static long timeRaw(ElasticsearchClient es, RegionScope scope, TraceCriteria c, boolean stats) throws Exception {
    Query query = Query.of(q -> q.bool(b -> b.filter(ConsentQueries.criteria(c)).filter(ConsentQueries.scope(scope))));
    SearchRequest request = stats
        ? SearchRequest.of(s -> s.index(ConsentIndexClient.ALIAS).query(query).size(0).trackTotalHits(t -> t.enabled(true))
            .source(src -> src.filter(f -> f.includes(List.of())))
            .aggregations("bySite", a -> a.terms(t -> t.field(ConsentFields.SITE_CODE).size(20)))
            .aggregations("byVaccine", a -> a.terms(t -> t.field(ConsentFields.VACCINE_CODE).size(30)))
            .aggregations("byDay", a -> a.dateHistogram(d -> d.field(ConsentFields.OCCURRED_AT)
                .calendarInterval(CalendarInterval.Day).timeZone(ConsentValidator.CLINIC_ZONE.getId())
                .format("yyyy-MM-dd").minDocCount(1))))
        : SearchRequest.of(s -> s.index(ConsentIndexClient.ALIAS).query(query).trackTotalHits(t -> t.enabled(true))
            .size(101).sort(o -> o.field(f -> f.field(ConsentFields.OCCURRED_AT).order(SortOrder.Asc)))
            .sort(o -> o.field(f -> f.field(ConsentFields.CONSENT_ID).order(SortOrder.Asc)))
            .source(src -> src.filter(f -> f.excludes(ConsentDocuments.SEALED_IDENTITY))));
    long started = System.nanoTime();
    SearchResponse<Map> response = es.search(request, Map.class);
    long elapsed = System.nanoTime() - started;
    if (response.hits() == null) {
      throw new IllegalStateException("no hits");
    }
    return elapsed;
  }

  private static double exportApi(String base, String auth, String region) throws Exception {
    long started = System.nanoTime();
    HttpURLConnection http = get(URI.create(base + "/v1/export.csv?region=" + region).toURL(), auth);
    if (http.getResponseCode() != 200) {
      throw new IllegalStateException("export answered " + http.getResponseCode());
    }
    long lines = 0;
    try (InputStream in = http.getInputStream()) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long rows = lines - 1;
    String expected = http.getHeaderField("X-Total-Count");
    say("  export through the API: %,d rows (announced %s) in %.1f s", rows, expected, seconds);
    return rows / seconds;
  }

  /** The same export straight from Elasticsearch: point in time, search_after, _source as stored (as the service asks), no CSV. */
  private static double exportRaw(ElasticsearchClient es, RegionScope scope, String region) throws Exception {
    TraceCriteria c = new TraceCriteria(null, null, null, null, region, null, null, null, null, null, null);
    Query query = Query.of(q -> q.bool(b -> b.filter(ConsentQueries.criteria(c)).filter(ConsentQueries.scope(scope))));
    long started = System.nanoTime();
    long rows = DirectExport.rows(es, query, s -> s.source(src -> src.fetch(true)));
    double seconds = (System.nanoTime() - started) / 1e9;
    say("  export straight from Elasticsearch: %,d rows in %.1f s", rows, seconds);
    return rows / seconds;
  }

  /** CPU time of the service's request threads (Tomcat's {@code http-nio-*} workers) so far. */
  private static long serviceThreadsCpuNanos() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("http-nio")) {
        total += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private static void put(Map<String, String> p, String name, Object value) {
    if (value != null) {
      p.put(name, value.toString());
    }
  }

  private static void say(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
    System.out.flush();
  }

}
