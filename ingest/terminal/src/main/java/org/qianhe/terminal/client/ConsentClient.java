package org.qianhe.terminal.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.terminal.simulator.SimulatedCapture;
import org.qianhe.terminal.simulator.SimulatorKeys;

/**
 * Uploads consents to an ingest service over HTTP ({@code POST /v1/consents}, multipart/form-data:
 * a {@code consent} part of JSON and one {@code evidence} part per evidence reference, filename =
 * evidenceId, Content-Type = mediaType); thread-safe.
 *
 * <p>The plain client sends what it is given. {@link #forSimulatedTerminals} prepares each upload as
 * the simulator's terminals would — captures evidence ({@link SimulatedCapture}) and signs with their
 * {@link SimulatorKeys} — so demos and benchmarks can keep calling {@link #upload(ConsentUpload)} with
 * generated consents. {@code TerminalSdk} adds retries and the offline queue.
 */
public final class ConsentClient {

  private final HttpClient http;
  private final URI consentsUri;
  private final Duration timeout;
  private final Function<ConsentUpload, Submission> prepare;

  public ConsentClient(URI ingestBaseUri, Duration timeout) {
    this(ingestBaseUri, timeout, Submission::of);
  }

  private ConsentClient(URI ingestBaseUri, Duration timeout, Function<ConsentUpload, Submission> prepare) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    this.consentsUri = ingestBaseUri.resolve("/v1/consents");
    this.timeout = timeout;
    this.prepare = prepare;
  }

  /**
   * A client for the simulator's terminals: every upload gets simulated evidence and is signed now
   * with its terminal's {@link SimulatorKeys} key, the key {@code SimulatorKeys.of(terminalId)} registers.
   */
  public static ConsentClient forSimulatedTerminals(URI ingestBaseUri, Duration timeout) {
    return new ConsentClient(ingestBaseUri, timeout, upload -> {
      Submission captured = SimulatedCapture.of(upload, SimulatorKeys.DEFAULT_SUITE);
      return new Submission(UploadSignatures.sign(captured.upload(), SimulatorKeys.DEFAULT_SUITE,
          SimulatorKeys.of(upload.getTerminalId()), Instant.now()), captured.evidence());
    });
  }

  /** Prepares the upload as this client's terminals do and sends it. */
  public UploadResult upload(ConsentUpload upload) throws IOException, InterruptedException {
    return send(prepare.apply(upload));
  }

  /** Sends exactly this submission. */
  public UploadResult send(Submission submission) throws IOException, InterruptedException {
    String boundary = boundary();
    return post(multipart(boundary, ConsentJson.write(submission.upload()), submission), "multipart/form-data; boundary=" + boundary);
  }

  /** Sends raw bytes as the consent part, without evidence: for tests that need malformed consents. */
  public UploadResult post(byte[] consentJson) throws IOException, InterruptedException {
    String boundary = boundary();
    return post(multipart(boundary, consentJson, null), "multipart/form-data; boundary=" + boundary);
  }

  /** Sends a body of any content type as it is: for tests and fault injection. */
  public UploadResult post(byte[] body, String contentType) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(consentsUri)
        .timeout(timeout)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new UploadResult(response.statusCode(), response.body(),
        response.headers().firstValue("Retry-After").map(ConsentClient::seconds).orElse(null));
  }

  /** The multipart body of a submission (consent JSON given as bytes, so tests can spoil it). */
  public static byte[] multipart(String boundary, byte[] consentJson, Submission submission) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(consentJson.length + 64 * 1024);
    write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"consent\"\r\n"
        + "Content-Type: application/json\r\n\r\n");
    body.writeBytes(consentJson);
    if (submission != null) {
      for (EvidenceRef ref : submission.upload().getEvidence()) {
        byte[] data = submission.evidence().get(ref.getEvidenceId());
        if (data == null) {
          continue; // a reference without bytes: the service will say so
        }
        write(body, "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\""
            + quoted(ref.getEvidenceId()) + "\"\r\nContent-Type: " + ref.getMediaType() + "\r\n\r\n");
        body.writeBytes(data);
      }
      for (Map.Entry<String, byte[]> extra : submission.evidence().entrySet()) {
        if (submission.upload().getEvidence().stream().noneMatch(r -> r.getEvidenceId().equals(extra.getKey()))) {
          write(body, "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\""
              + quoted(extra.getKey()) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
          body.writeBytes(extra.getValue());
        }
      }
    }
    write(body, "\r\n--" + boundary + "--\r\n");
    return body.toByteArray();
  }

  public static String boundary() {
    return "qianhe-" + UUID.randomUUID();
  }

  private static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Long seconds(String retryAfter) {
    try {
      return Long.parseLong(retryAfter.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Status and body of one upload; 202 means the consent is durably accepted. {@code retryAfterSeconds}
   * is the service's {@code Retry-After} (503), or null.
   */
  public record UploadResult(int status, String body, Long retryAfterSeconds) {
    public UploadResult(int status, String body) {
      this(status, body, null);
    }

    public boolean accepted() {
      return status == 202;
    }
  }
}
