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

  static ProblemException terminalRefused(TerminalRefusal refusal) {
    return ProblemException.of(HttpStatus.FORBIDDEN, "terminal-refused", "Terminal refused", refusal.description())
        .withProperty("code", refusal.name())
        .withErrors(List.of(new ProblemError("terminalId", refusal.name(), refusal.description())));
  }

  static ProblemException unavailable(long retryAfterSeconds) {
    return ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "ingest-unavailable", "Ingest unavailable",
            "The consent could not be stored durably now and was not accepted; retry later with the same consentId.")
        .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
  }
}
