package org.qianhe.search.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qianhe.search.SearchApplication;
import org.qianhe.search.SearchFixture;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A first run on a bare machine: the embedded H2 default (a file in the data directory), no
 * administrator password given, and Elasticsearch down. The app starts, prints a generated
 * administrator password once, and says clearly that it cannot search instead of failing
 * obscurely.
 */
class TraceWithoutElasticsearchTest {

  private static final String USER = "api-client";
  private static ConfigurableApplicationContext app;
  private static String base;
  private static Path dataDir;
  private static String console;

  @BeforeAll
  static void startOnTheEmbeddedDefaultAgainstAPortNobodyListensOn() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    dataDir = Files.createTempDirectory("qianhe-search-h2");
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      app = SearchApplication.start("--server.port=0", "--spring.main.banner-mode=off",
          "--qianhe.data-dir=" + dataDir, "--qianhe.search.data-dir=" + dataDir,
          "--qianhe.search.elasticsearch.url=http://127.0.0.1:" + closedPort,
          "--qianhe.search.bootstrap.users[0].username=" + USER,
          "--qianhe.search.bootstrap.users[0].password=" + SearchFixture.password(USER),
          "--qianhe.search.bootstrap.users[0].roles=ANALYST",
          "--qianhe.search.bootstrap.users[0].regions=*");
    } finally {
      System.setOut(original);
    }
    console = captured.toString(StandardCharsets.UTF_8);
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aTraceIsAServiceUnavailableProblem() throws Exception {
    HttpResponse<String> response = get("/v1/trace?lot=202503A017", USER, SearchFixture.password(USER));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JsonMapper.builder().build().readTree(response.body());
    assertThat(problem.path("type").asString()).isEqualTo("urn:qianhe:problem:search-unavailable");
  }

  @Test
  void badParametersAreStillRefusedFirst() throws Exception {
    assertThat(get("/v1/trace?size=5", USER, SearchFixture.password(USER)).statusCode()).isEqualTo(400);
  }

  @Test
  void healthIsDownAndNeedsNoLogin() throws Exception {
    HttpResponse<String> response = get("/actuator/health", null, null);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(JsonMapper.builder().build().readTree(response.body()).path("status").asString()).isEqualTo("DOWN");
  }

  /** The embedded database is a file in the data directory, shared with ingest. */
  @Test
  void theEmbeddedDatabaseLivesInTheDataDirectory() {
    assertThat(dataDir.resolve("qianhe.mv.db")).exists();
  }

  /** Before ingest has created the evidence keystore, the evidence store's health is UNKNOWN: searching does not need it. */
  @Test
  void theEvidenceStoreIsUnknownUntilIngestCreatedItsKeystore() {
    Health health = app.getBean("evidenceStore", HealthIndicator.class).health(true);

    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
    assertThat(health.getDetails().get("reason").toString()).contains("evidence-keys.p12");
    assertThat(dataDir.resolve("keys").resolve("evidence-keys.p12")).doesNotExist();
  }

  /** The service owns the embedded database: it migrates the paper review queue's table there at startup. */
  @Test
  void theReviewQueueTableIsMigratedInTheEmbeddedDatabase() {
    JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM paper_review").query(Long.class).single()).isZero();
  }

  @Test
  void theGeneratedAdministratorPasswordIsPrintedOnceAndWorks() throws Exception {
    Matcher m = Pattern.compile("first administrator 'admin', password: (\\S+)").matcher(console);
    assertThat(m.find()).as("console: " + console.length() + " chars").isTrue();
    String password = m.group(1);
    assertThat(m.find()).isFalse();

    assertThat(get("/v1/admin/audit/verify", "admin", password).statusCode()).isEqualTo(200);
    assertThat(get("/v1/admin/audit/verify", "admin", password + "x").statusCode()).isEqualTo(401);
  }

  private static HttpResponse<String> get(String path, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (user != null) {
      request.header("Authorization", SearchFixture.basic(user, password));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
