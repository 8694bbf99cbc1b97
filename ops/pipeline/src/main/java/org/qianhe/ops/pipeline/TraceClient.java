package org.qianhe.ops.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.qianhe.model.json.ConsentJson;

/** Asks the search service the analysts' trace questions, as the web UI and the CLI do. */
public final class TraceClient {

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI searchUri;
  private final String authorization;

  public TraceClient(URI searchUri, String user, String password) {
    this.searchUri = searchUri;
    this.authorization = "Basic " + java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Every consent given with one vaccine lot: the recall question. */
  public JsonNode byLot(String lotNumber) throws IOException, InterruptedException {
    return get("/v1/trace?lot=" + encode(lotNumber));
  }

  /** The consents of one lot that were migrated from scanned paper forms. */
  public JsonNode byLotFromPaper(String lotNumber) throws IOException, InterruptedException {
    return get("/v1/trace?lot=" + encode(lotNumber) + "&source=PAPER_SCAN");
  }

  /** Everything one site recorded in a period (inclusive). */
  public JsonNode bySite(String siteCode, LocalDate from, LocalDate to) throws IOException, InterruptedException {
    return get("/v1/trace?site=" + encode(siteCode) + "&from=" + from + "&to=" + to);
  }

  private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(searchUri.resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(10)).header("Authorization", authorization).GET().build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("trace search answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    return ConsentJson.mapper().readTree(response.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
