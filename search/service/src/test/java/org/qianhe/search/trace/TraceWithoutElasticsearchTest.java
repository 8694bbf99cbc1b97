package org.qianhe.search.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qianhe.search.SearchApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The app starts without Elasticsearch and says clearly that it cannot answer, instead of failing obscurely. */
class TraceWithoutElasticsearchTest {

  private static ConfigurableApplicationContext app;
  private static String base;

  @BeforeAll
  static void startAgainstAPortNobodyListensOn() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    app = SearchApplication.start("--server.port=0", "--spring.main.banner-mode=off",
        "--qianhe.search.elasticsearch.url=http://127.0.0.1:" + closedPort);
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aTraceIsAServiceUnavailableProblem() throws Exception {
    HttpResponse<String> response = get("/v1/trace?lot=202503A017");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JsonMapper.builder().build().readTree(response.body());
    assertThat(problem.path("type").asString()).isEqualTo("urn:qianhe:problem:search-unavailable");
  }

  @Test
  void badParametersAreStillRefusedFirst() throws Exception {
    assertThat(get("/v1/trace?size=5").statusCode()).isEqualTo(400);
  }

  @Test
  void healthIsDown() throws Exception {
    HttpResponse<String> response = get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(JsonMapper.builder().build().readTree(response.body()).path("status").asString()).isEqualTo("DOWN");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
