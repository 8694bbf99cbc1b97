package org.qianhe.ingest.consent;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.model.ConsentUpload;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/consents}: one consent per request. 202 with a receipt once the consent is in
 * Kafka; 400, 403, 413, 415 or 503 as an RFC 9457 problem otherwise.
 *
 * <p>The body is read as bytes, not through a message converter: the contract's own reader
 * ({@link UploadReader}) reports every bad field at once and tells invalid UTF-8 from bad JSON.
 */
@RestController
class ConsentController {

  private final UploadReader reader;
  private final ConsentIntake intake;
  private final long maxBodyBytes;

  ConsentController(UploadReader reader, ConsentIntake intake, IngestProperties properties) {
    this.reader = reader;
    this.intake = intake;
    this.maxBodyBytes = properties.maxBodySize().toBytes();
  }

  @PostMapping(path = "/v1/consents", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<IngestReceipt> upload(HttpServletRequest request) throws IOException {
    byte[] body = readBounded(request);
    ConsentUpload upload = reader.read(body);
    return ResponseEntity.accepted().body(intake.accept(upload));
  }

  /** Refuses a declared oversize body unread, and stops reading an undeclared one one byte past the limit. */
  private byte[] readBounded(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      throw ConsentProblems.tooLarge(maxBodyBytes);
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw ConsentProblems.tooLarge(maxBodyBytes);
      }
      return body;
    }
  }
}
