package org.qianhe.terminal.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.json.ConsentJson;

/** Uploads consents to an ingest service over HTTP; one instance per terminal, thread-safe. */
public final class ConsentClient {

  private final HttpClient http;
  private final URI consentsUri;
  private final Duration timeout;

  public ConsentClient(URI ingestBaseUri, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    this.consentsUri = ingestBaseUri.resolve("/v1/consents");
    this.timeout = timeout;
  }

  public UploadResult upload(ConsentUpload upload) throws IOException, InterruptedException {
    return post(ConsentJson.write(upload));
  }

  /** Sends raw bytes as a consent body: for tests and fault injection that need malformed bodies. */
  public UploadResult post(byte[] body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(consentsUri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new UploadResult(response.statusCode(), response.body());
  }

  /** Status and body of one upload; 202 means the consent is durably accepted. */
  public record UploadResult(int status, String body) {
    public boolean accepted() {
      return status == 202;
    }
  }
}
