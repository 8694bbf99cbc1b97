package org.qianhe.search.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API over HTTP Basic, as the CLI uses it. A problem answer becomes an
 * {@link ApiException} carrying its status and detail (which never repeats a value).
 */
final class ApiClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String authorization;

  ApiClient(URI base, String user, char[] password) {
    this.base = base;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
  }

  JsonNode getJson(String path, Map<String, String> query) throws IOException, InterruptedException {
    return json(send(request(path + "?" + form(query)).GET().build()));
  }

  JsonNode postJson(String path, Map<String, String> form) throws IOException, InterruptedException {
    return json(send(post(path, form)));
  }

  /** A binary answer to a form POST (an evidence image): its bytes and its media type. */
  HttpResponse<byte[]> postForBytes(String path, Map<String, String> form, String accept)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
        .header("Accept", accept + ", application/problem+json").header("Content-Type", "application/x-www-form-urlencoded")
        .timeout(Duration.ofMinutes(1)).POST(HttpRequest.BodyPublishers.ofString(form(form))).build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw ApiException.of(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }
    return response;
  }

  /** A streamed answer (the CSV export): the caller reads and closes the body. */
  HttpResponse<InputStream> stream(String path, Map<String, String> params, boolean post)
      throws IOException, InterruptedException {
    HttpRequest request = post ? post(path, params) : request(path + "?" + form(params)).GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      try (InputStream body = response.body()) {
        throw ApiException.of(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return response;
  }

  private HttpRequest post(String path, Map<String, String> form) {
    return request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form))).build();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("Authorization", authorization)
        .header("Accept", "application/json").timeout(Duration.ofMinutes(5));
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw ApiException.of(response.statusCode(), response.body());
    }
    return response;
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** A refusal or failure of the service, with what it said. */
  static final class ApiException extends IOException {

    private final int status;

    private ApiException(int status, String message) {
      super(message);
      this.status = status;
    }

    static ApiException of(int status, String body) {
      String detail;
      try {
        JsonNode problem = JSON.readTree(body);
        detail = problem.path("detail").asString(problem.path("title").asString("HTTP " + status));
      } catch (RuntimeException e) {
        detail = "HTTP " + status;
      }
      return new ApiException(status, detail);
    }

    int status() {
      return status;
    }
  }
}
