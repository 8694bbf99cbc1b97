package org.qianhe.search;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.evidence.EvidenceKeys;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.evidence.Pkcs12EvidenceKeys;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.EvidenceKind;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.audit.AuditRecord;
import org.qianhe.search.index.BulkWriterSettings;
import org.qianhe.search.index.ConsentBulkWriter;
import org.qianhe.search.index.ConsentIndexClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The search service as the integration tests use it, once per test JVM: the test data set
 * indexed into the shared Elasticsearch node, a PostgreSQL schema of its own (dropped at the
 * end), the ingest key file and the evidence store (written with ingest's library) in a temporary
 * data directory, and one account per role and region.
 * Obtained through {@link SearchFixtureExtension}.
 */
public final class SearchFixture implements AutoCloseable {

  public static final String PASSWORD_SUFFIX = "-Passw0rd!";
  static final String JDBC_BASE = "jdbc:postgresql://127.0.0.1:5432/test";

  /** Test accounts: name, roles, regions. Each password is name + {@link #PASSWORD_SUFFIX}. */
  public static final String ADMIN = "admin";
  public static final String ZHENGZHOU = "zz-analyst";   // ANALYST, 4101 (Zhengzhou)
  public static final String LUOYANG = "ly-analyst";     // ANALYST, 4103 (Luoyang)
  public static final String OFFICER = "zz-officer";     // TRACE_OFFICER, 4101
  public static final String PROVINCE = "province";      // ANALYST, * (every region)
  public static final String REVIEWER = "reviewer";      // REVIEWER, 41
  public static final String NOBODY = "elsewhere";       // ANALYST, 4199: a region with no consent
  public static final String GUESSED = "guessed";        // ANALYST, 4101: the login throttling test fails its logins
  public static final String HENAN_OFFICER = "hn-officer"; // TRACE_OFFICER, 41 (all of Henan: the paper consents)
  public static final String LUOYANG_REVIEWER = "ly-reviewer"; // REVIEWER, 4103
  public static final String SHANGHAI_REVIEWER = "sh-reviewer"; // REVIEWER, 31: a region with no page under review
  private static final String[][] USERS = {
      {ZHENGZHOU, "ANALYST", "4101"}, {LUOYANG, "ANALYST", "4103"}, {OFFICER, "TRACE_OFFICER", "4101"},
      {PROVINCE, "ANALYST", "*"}, {REVIEWER, "REVIEWER", "41"}, {NOBODY, "ANALYST", "4199"},
      {GUESSED, "ANALYST", "4101"}, {HENAN_OFFICER, "TRACE_OFFICER", "41"}, {LUOYANG_REVIEWER, "REVIEWER", "4103"},
      {SHANGHAI_REVIEWER, "REVIEWER", "31"}};

  private final TestConsents consents;
  private final String schema;
  private final Path dataDir;
  private final ConfigurableApplicationContext app;
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private SearchFixture(ElasticsearchNode node) throws Exception {
    consents = TestConsents.generate();
    indexInto(node, consents);
    schema = "qs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    dataDir = Files.createTempDirectory("qianhe-search-it");
    TestKeys.writeKeyFile(dataDir);
    writeEvidence(dataDir, consents, withoutStoredEvidence(consents));
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
        "--spring.profiles.active=postgres",
        "--spring.datasource.url=" + JDBC_BASE + "?currentSchema=" + schema,
        "--spring.flyway.schemas=" + schema,
        "--qianhe.search.elasticsearch.url=" + node.httpUrl(),
        "--qianhe.search.data-dir=" + dataDir,
        "--qianhe.search.bootstrap.admin-password=" + password(ADMIN),
        // every test request comes from 127.0.0.1: only the name-based throttle is exercised over HTTP
        "--qianhe.search.security.max-address-failures=100000",
        // small batches, so that an export of the test data crosses several of them
        "--qianhe.search.export.batch-size=100"));
    for (int i = 0; i < USERS.length; i++) {
      String prefix = "--qianhe.search.bootstrap.users[" + i + "].";
      args.add(prefix + "username=" + USERS[i][0]);
      args.add(prefix + "password=" + password(USERS[i][0]));
      args.add(prefix + "roles=" + USERS[i][1]);
      args.add(prefix + "regions=" + USERS[i][2]);
    }
    app = SearchApplication.start(args.toArray(String[]::new));
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  static SearchFixture start(ElasticsearchNode node) {
    try {
      return new SearchFixture(node);
    } catch (Exception e) {
      throw new IllegalStateException("search fixture failed to start", e);
    }
  }

  /** A fresh {@code consents-000001} behind the alias, holding exactly the test data set. */
  public static void indexInto(ElasticsearchNode node, TestConsents consents) throws IOException {
    try (ConsentIndexClient index = ConsentIndexClient.connect(node.httpUrl())) {
      index.client().indices().delete(d -> d.index(ConsentIndexClient.FIRST_INDEX).ignoreUnavailable(true));
      index.ensureIndex();
      try (ConsentBulkWriter writer = new ConsentBulkWriter(index.client(), BulkWriterSettings.defaults())) {
        consents.records().forEach(writer::add);
      }
      index.refresh();
    }
  }

  /**
   * Writes every consent's evidence into {@code <dataDir>/evidence} as ingest does (its keystore and
   * password file under {@code keys/}, the search service's defaults), except the evidence of
   * {@code missing}: a consent whose evidence the store does not hold.
   */
  static void writeEvidence(Path dataDir, TestConsents consents, ConsentRecord missing) throws IOException {
    try (EvidenceStore store = evidenceStore(dataDir)) {
      for (Map.Entry<String, List<EvidenceItem>> e : consents.evidence().entrySet()) {
        if (!e.getKey().equals(missing.getConsentId()) && !e.getValue().isEmpty()) {
          store.write(e.getKey(), TestConsents.SUITE, e.getValue());
        }
      }
    }
  }

  /** Writes a consent's evidence into the service's evidence store, as ingest or migrate-paper would; returns its address. */
  public String storeEvidence(String consentId, List<EvidenceItem> items) throws IOException {
    try (EvidenceStore store = evidenceStore(dataDir)) {
      return store.write(consentId, TestConsents.SUITE, items).address();
    }
  }

  private static EvidenceStore evidenceStore(Path dataDir) throws IOException {
    Path keystore = dataDir.resolve("keys").resolve("evidence-keys.p12");
    char[] password = Pkcs12EvidenceKeys.passwordFromFile(keystore.resolveSibling("evidence-keys.p12.password"));
    EvidenceKeys keys = Pkcs12EvidenceKeys.loadOrCreate(keystore, password, TestConsents.SUITE);
    return EvidenceStore.open(dataDir.resolve("evidence").toUri(), TestConsents.SUITE, keys, false);
  }

  /** A Zhengzhou consent with a photo whose evidence the store does not hold. */
  public ConsentRecord withoutStoredEvidence() {
    return withoutStoredEvidence(consents);
  }

  private static ConsentRecord withoutStoredEvidence(TestConsents consents) {
    List<ConsentRecord> withPhoto = consents.records().stream().filter(r -> r.getRegionCode().startsWith("4101")
        && r.getEvidence().stream().anyMatch(e -> e.getKind() == EvidenceKind.PHOTO)).toList();
    return withPhoto.get(withPhoto.size() - 1);
  }

  /** A consent of the region with a photo in the evidence store. */
  public ConsentRecord withPhoto(String region) {
    String lost = withoutStoredEvidence().getConsentId();
    return inRegion(region).stream().filter(r -> !r.getConsentId().equals(lost))
        .filter(r -> r.getEvidence().stream().anyMatch(e -> e.getKind() == EvidenceKind.PHOTO)).findFirst().orElseThrow();
  }

  public static String password(String username) {
    return username + PASSWORD_SUFFIX;
  }

  public TestConsents consents() {
    return consents;
  }

  public String base() {
    return base;
  }

  public ConfigurableApplicationContext app() {
    return app;
  }

  public String jdbcUrl() {
    return JDBC_BASE + "?currentSchema=" + schema;
  }

  public List<ConsentRecord> inRegion(String prefix) {
    return consents.records().stream().filter(r -> r.getRegionCode().startsWith(prefix)).toList();
  }

  /** The newest audit rows, newest first. */
  public List<AuditRecord> audit(int limit) {
    return app.getBean(AuditLog.class).recent(limit, null, null);
  }

  public List<AuditRecord> auditOf(String username, int limit) {
    return app.getBean(AuditLog.class).recent(limit, null, username);
  }

  public long lastAuditSeq() {
    List<AuditRecord> last = audit(1);
    return last.isEmpty() ? 0 : last.get(0).seq();
  }

  /** Audit rows written after {@code seq}, oldest first. */
  public List<AuditRecord> auditSince(long seq) {
    return audit(1000).stream().filter(r -> r.seq() > seq).sorted(Comparator.comparingLong(AuditRecord::seq)).toList();
  }

  // --- HTTP, as an API client does it: HTTP Basic on every request ---

  public HttpResponse<String> get(String user, String pathAndQuery) {
    return send(request(user, pathAndQuery).GET().build());
  }

  public HttpResponse<String> postForm(String user, String path, Map<String, String> form) {
    return send(request(user, path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
  }

  /** A form POST whose answer is binary (an image). */
  public HttpResponse<byte[]> postFormForBytes(String user, String path, Map<String, String> form) {
    try {
      return http.send(request(user, path).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String user, String pathAndQuery) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    if (user != null) {
      b.header("Authorization", basic(user, password(user)));
    }
    return b;
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public static String form(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  public static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    try {
      app.close();
    } finally {
      try (Connection c = DriverManager.getConnection(JDBC_BASE, "postgres", "");
           Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        System.err.println("could not drop test schema " + schema + ": " + e.getSQLState());
      }
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public String toString() {
    return "SearchFixture[" + base + ", schema " + schema.toLowerCase(Locale.ROOT) + "]";
  }
}
