package org.qianhe.ingest.consent;

import java.util.ArrayList;
import java.util.List;
import org.qianhe.ingest.system.ProblemError;
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
 * Turns body bytes into a well-formed upload or a 400 naming every bad field: first the
 * {@code multipart/form-data} structure (one {@code consent} part of JSON, {@code evidence} parts
 * named by their evidenceId in the filename), then the consent's shape (the Avro schema, via
 * {@link ConsentJson}), then the format rules ({@link ConsentValidator}).
 * Logs field paths and reason codes only; the consentId only once it is known to be a UUID.
 */
@Component
class UploadReader {

  private static final Logger log = LoggerFactory.getLogger(UploadReader.class);

  private final ConsentValidator validator;

  UploadReader(IngestProperties properties) {
    this.validator = new ConsentValidator(properties.clockSkew());
  }

  static final String CONSENT_PART = "consent";
  static final String EVIDENCE_PART = "evidence";

  ReceivedUpload read(byte[] body, String boundary) {
    List<MultipartBody.Part> parts;
    try {
      parts = MultipartBody.parse(body, boundary);
    } catch (MultipartBody.MalformedMultipartException e) {
      log.info("upload refused: malformed multipart ({})", e.getMessage());
      throw ConsentProblems.malformedUpload(List.of(new ProblemError("$", "MULTIPART_MALFORMED", e.getMessage())));
    }
    List<ProblemError> problems = new ArrayList<>();
    List<MultipartBody.Part> consentParts = parts.stream().filter(p -> p.name().equals(CONSENT_PART)).toList();
    if (consentParts.isEmpty()) {
      problems.add(new ProblemError(CONSENT_PART, "CONSENT_PART_MISSING", "the body has no part named consent"));
    } else if (consentParts.size() > 1) {
      problems.add(new ProblemError(CONSENT_PART, "CONSENT_PART_REPEATED", "the body has more than one part named consent"));
    } else if (!isJson(consentParts.get(0).contentType())) {
      problems.add(new ProblemError(CONSENT_PART, "CONSENT_PART_MEDIA_TYPE", "the consent part must be application/json"));
    }
    List<ReceivedUpload.EvidencePart> evidence = new ArrayList<>();
    for (MultipartBody.Part part : parts) {
      if (part.name().equals(EVIDENCE_PART)) {
        if (part.filename() == null || part.filename().isEmpty()) {
          problems.add(new ProblemError(EVIDENCE_PART, "EVIDENCE_PART_UNNAMED",
              "every evidence part needs a filename: the evidenceId of its reference"));
        } else {
          evidence.add(new ReceivedUpload.EvidencePart(part.filename(), part.contentType(), part.bytes()));
        }
      } else if (!part.name().equals(CONSENT_PART)) {
        problems.add(new ProblemError("$", "PART_UNKNOWN", "parts are named consent or evidence; another name was sent"));
      }
    }
    if (!problems.isEmpty()) {
      log.info("upload refused: malformed multipart, codes {}", problems.stream().map(ProblemError::code).toList());
      throw ConsentProblems.malformedUpload(problems);
    }
    return new ReceivedUpload(readConsent(consentParts.get(0).bytes()), evidence);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      return org.springframework.http.MediaType.APPLICATION_JSON.isCompatibleWith(
          org.springframework.http.MediaType.parseMediaType(contentType));
    } catch (org.springframework.util.InvalidMimeTypeException e) {
      return false;
    }
  }

  ConsentUpload readConsent(byte[] body) {
    ConsentUpload upload;
    try {
      upload = ConsentJson.read(body, ConsentUpload.class, ConsentUpload.getClassSchema());
    } catch (MalformedJsonException e) {
      List<String> fields = e.problems().stream().map(p -> p.field()).toList();
      log.info("upload refused: malformed, fields {}", fields);
      throw ConsentProblems.malformed(e.problems());
    }
    List<Finding> findings = new ArrayList<>(UploadRules.check(upload));
    // the shared rules only on values of sane size (a 200 KB name has nothing more to tell)
    if (findings.stream().noneMatch(f -> f.getCode().equals("FIELD_TOO_LONG"))) {
      findings.addAll(validator.checkUpload(upload));
    }
    if (ConsentValidator.hasErrors(findings)) {
      log.info("upload refused: consent {} invalid, reasons {}, fields {}",
          LogSafe.consentId(upload.getConsentId()), ConsentValidator.reasonCodes(findings),
          findings.stream().map(Finding::getField).toList());
      throw ConsentProblems.invalid(findings);
    }
    return upload;
  }
}
