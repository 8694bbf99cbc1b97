package org.qianhe.ingest.consent;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import io.micrometer.core.instrument.Timer;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.ingest.system.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/consents}: one consent per request, as {@code multipart/form-data} — a
 * {@code consent} part (the signed {@code ConsentUpload} JSON) and one {@code evidence} part per
 * evidence reference (filename = its evidenceId, Content-Type = its mediaType, the raw bytes). 202
 * with a signed receipt once the evidence is durable and the consent is in Kafka; 400, 401, 403,
 * 409, 413, 415 or 503 as an RFC 9457 problem otherwise.
 *
 * <p>The body is read as bytes within the size limit and parsed here ({@link MultipartBody}), not by
 * the servlet container, which spools large parts to temporary files: evidence plaintext must never
 * touch the disk. The contract's own reader ({@link UploadReader}) reports every bad field at once.
 */
@RestController
class ConsentController {

  private final UploadMetrics metrics;
  private final UploadReader reader;
  private final ConsentIntake intake;
  private final long maxBodyBytes;

  ConsentController(UploadMetrics metrics, UploadReader reader, ConsentIntake intake, IngestProperties properties) {
    this.metrics = metrics;
    this.reader = reader;
    this.intake = intake;
    this.maxBodyBytes = properties.maxBodySize().toBytes();
  }

  @PostMapping(path = "/v1/consents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IngestReceipt> upload(HttpServletRequest request) throws IOException {
    Timer.Sample sample = metrics.start();
    try {
      byte[] body = readBounded(request);
      String boundary = MediaType.parseMediaType(request.getContentType()).getParameter("boundary");
      ReceivedUpload upload = reader.read(body, unquote(boundary));
      IngestReceipt receipt = intake.accept(upload);
      metrics.finished(sample, "accepted");
      return ResponseEntity.accepted().body(receipt);
    } catch (ProblemException e) {
      metrics.refused(sample, e);
      throw e;
    }
  }

  private static String unquote(String value) {
    return value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }

  /**
   * Refuses a declared oversize body unread, reads a declared body into an array of exactly its
   * size, and stops reading an undeclared one one byte past the limit.
   */
  private byte[] readBounded(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw ConsentProblems.tooLarge(maxBodyBytes);
    }
    try (InputStream in = request.getInputStream()) {
      if (declared >= 0) {
        byte[] body = new byte[(int) declared];
        int read = in.readNBytes(body, 0, body.length);
        return read == body.length ? body : java.util.Arrays.copyOf(body, read);
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw ConsentProblems.tooLarge(maxBodyBytes);
      }
      return body;
    }
  }
}
