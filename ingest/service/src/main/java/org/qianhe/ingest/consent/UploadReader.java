package org.qianhe.ingest.consent;

import java.util.List;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Finding;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.model.json.MalformedJsonException;
import org.qianhe.model.validation.ConsentValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns body bytes into a well-formed upload or a 400 naming every bad field: first the shape
 * (the Avro schema, via {@link ConsentJson}), then the format rules ({@link ConsentValidator}).
 * Logs field paths and reason codes only; the consentId only once it is known to be a UUID.
 */
@Component
class UploadReader {

  private static final Logger log = LoggerFactory.getLogger(UploadReader.class);

  private final ConsentValidator validator;

  UploadReader(IngestProperties properties) {
    this.validator = new ConsentValidator(properties.clockSkew());
  }

  ConsentUpload read(byte[] body) {
    ConsentUpload upload;
    try {
      upload = ConsentJson.read(body, ConsentUpload.class, ConsentUpload.getClassSchema());
    } catch (MalformedJsonException e) {
      List<String> fields = e.problems().stream().map(p -> p.field()).toList();
      log.info("upload refused: malformed, fields {}", fields);
      throw ConsentProblems.malformed(e.problems());
    }
    List<Finding> findings = validator.checkUpload(upload);
    if (ConsentValidator.hasErrors(findings)) {
      log.info("upload refused: consent {} invalid, reasons {}, fields {}",
          LogSafe.consentId(upload.getConsentId()), ConsentValidator.reasonCodes(findings),
          findings.stream().map(Finding::getField).toList());
      throw ConsentProblems.invalid(findings);
    }
    return upload;
  }
}
