package org.qianhe.ingest.consent;

import java.util.List;
import org.qianhe.ingest.system.ProblemError;
import org.qianhe.ingest.system.ProblemException;
import org.qianhe.model.Finding;
import org.qianhe.model.json.FieldProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The problem answers of the upload endpoint, in one place so their types and titles stay stable. */
final class ConsentProblems {

  private ConsentProblems() {}

  /** The body is not JSON of the contract's shape (or not UTF-8, or empty). */
  static ProblemException malformed(List<FieldProblem> problems) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "malformed-consent", "Malformed consent",
            problems.size() + " problem(s) with the body; see errors.")
        .withErrors(problems.stream().map(p -> new ProblemError(p.field(), null, p.problem())).toList());
  }

  /** The body is not multipart/form-data of the expected parts. */
  static ProblemException malformedUpload(List<ProblemError> problems) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "malformed-upload", "Malformed upload",
            problems.size() + " problem(s) with the multipart body; see errors.")
        .withErrors(problems);
  }

  /** The evidence bytes do not match the consent's evidence references, or are not what their kind needs. */
  static ProblemException invalidEvidence(List<ProblemError> problems) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-evidence", "Invalid evidence",
            problems.size() + " problem(s) with the evidence; see errors.")
        .withErrors(problems);
  }

  /** Well-formed JSON whose values break the format rules. */
  static ProblemException invalid(List<Finding> findings) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-consent", "Invalid consent",
            findings.size() + " field(s) break the format rules; see errors.")
        .withErrors(findings.stream().map(f -> new ProblemError(f.getField(), f.getCode(), f.getMessage())).toList());
  }

  static ProblemException tooLarge(long maxBodyBytes) {
    return ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, "consent-too-large", "Consent too large",
        "The body is larger than " + maxBodyBytes + " bytes.");
  }

  /**
   * 403 {@code terminal-refused} for a terminal that may not upload, 401 {@code authentication-failed}
   * (with {@code WWW-Authenticate}, as RFC 9110 asks of a 401) for a request that does not prove it
   * comes from its terminal.
   */
  static ProblemException terminalRefused(TerminalRefusal refusal) {
    boolean unauthenticated = refusal.status() == HttpStatus.UNAUTHORIZED;
    ProblemException problem = ProblemException.of(refusal.status(),
            unauthenticated ? "authentication-failed" : "terminal-refused",
            unauthenticated ? "Authentication failed" : "Terminal refused", refusal.description())
        .withProperty("code", refusal.name())
        .withErrors(List.of(new ProblemError(refusal.field(), refusal.name(), refusal.description())));
    return unauthenticated ? problem.withHeader(HttpHeaders.WWW_AUTHENTICATE, "QianheSignature realm=\"terminals\"") : problem;
  }

  /** The consentId was accepted (or is being accepted) with other content. */
  static ProblemException conflict() {
    String detail = "This consentId was already uploaded with different content; a different consent needs its own consentId.";
    return ProblemException.of(HttpStatus.CONFLICT, "consent-conflict", "Consent conflict", detail)
        .withProperty("code", "CONSENT_ID_CONFLICT")
        .withErrors(List.of(new ProblemError("consentId", "CONSENT_ID_CONFLICT", detail)));
  }

  /** Another upload of the same consent is under way; retrying shortly gets its receipt. */
  static ProblemException inProgress(long retryAfterSeconds) {
    return ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "upload-in-progress", "Upload in progress",
            "Another upload of this consent is being accepted right now; retry later with the same consentId.")
        .withProperty("code", "UPLOAD_IN_PROGRESS")
        .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
  }

  static ProblemException unavailable(long retryAfterSeconds) {
    return ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "ingest-unavailable", "Ingest unavailable",
            "The consent could not be stored durably now and was not accepted; retry later with the same consentId.")
        .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
  }
}
