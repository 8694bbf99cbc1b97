package org.qianhe.model.validation;

import java.util.Optional;
import org.qianhe.model.Severity;

/**
 * Machine-readable reasons a consent is refused, quarantined or flagged. FORMAT reasons are
 * what a terminal can fix and are refused at upload (400); RULE reasons concern a consent that
 * did happen, so it is kept and quarantined for people to look at, never dropped; PROCESSING
 * reasons are decided by the pipeline about a record it could not handle. ERROR quarantines,
 * WARNING keeps the record and flags it ({@code processing.findings}).
 *
 * <p>Rules that check against reference data (region codes, vaccines, notices) are RULE, not
 * FORMAT: the lists change, and a consent refused only because a list was behind is replayed from
 * the quarantine after the list is updated.
 */
public enum ReasonCode {
  CONSENT_ID_FORMAT(Stage.FORMAT, Severity.ERROR, "consentId must be a UUID"),
  REGION_CODE_FORMAT(Stage.FORMAT, Severity.ERROR, "regionCode must be a 6-digit GB/T 2260 code"),
  FIELD_BLANK(Stage.FORMAT, Severity.ERROR, "must not be blank"),
  DOSE_NUMBER_RANGE(Stage.FORMAT, Severity.ERROR, "doseNumber must be between 1 and 10"),
  ID_NUMBER_FORMAT(Stage.FORMAT, Severity.ERROR, "must be an 18-character citizen ID number"),
  ID_NUMBER_CHECK_DIGIT(Stage.FORMAT, Severity.ERROR,
      "the citizen ID number's check character (GB 11643, MOD 11-2) does not match its digits"),
  PHONE_FORMAT(Stage.FORMAT, Severity.ERROR, "must be an 11-digit mobile number"),
  DIGEST_FORMAT(Stage.FORMAT, Severity.ERROR, "must be a lowercase hex digest"),
  UNDECODABLE(Stage.FORMAT, Severity.ERROR, "the bytes are not a consent record of a known schema"),

  REGION_CODE_UNKNOWN(Stage.RULE, Severity.ERROR, "regionCode is not a GB/T 2260 code of the code list"),
  REGION_CODE_UNVERIFIED(Stage.RULE, Severity.WARNING,
      "regionCode's province exists, but its counties are not in the code list to check it against"),
  VACCINE_UNKNOWN(Stage.RULE, Severity.ERROR, "vaccineCode is not in the vaccine code list"),
  VACCINE_NAME_MISMATCH(Stage.RULE, Severity.WARNING, "vaccineName is not the code list's name for vaccineCode"),
  DOSE_NOT_IN_SCHEDULE(Stage.RULE, Severity.ERROR, "doseNumber is beyond the vaccine's dose schedule"),
  DOSE_BEFORE_SCHEDULED_AGE(Stage.RULE, Severity.WARNING,
      "the child cannot have reached the scheduled age for this dose, even if born on the first of the birth month"),
  NOTICE_UNKNOWN(Stage.RULE, Severity.ERROR, "the notice template and version are not in the notice catalogue"),
  NOTICE_VACCINE_MISMATCH(Stage.RULE, Severity.ERROR, "the notice shown is for another vaccine than the one given"),
  NOTICE_DIGEST_MISMATCH(Stage.RULE, Severity.ERROR,
      "notice.digest is not the digest of the catalogued text of that template and version"),
  OCCURRED_AFTER_RECEIVED(Stage.RULE, Severity.ERROR,
      "occurredAt is later than receivedAt plus the allowed clock skew"),
  BORN_AFTER_VACCINATION(Stage.RULE, Severity.ERROR, "the child's birth month is after the vaccination"),
  LOT_EXPIRED(Stage.RULE, Severity.ERROR, "the lot had expired when the dose was given"),
  EVIDENCE_MISSING(Stage.RULE, Severity.ERROR,
      "a CONSENTED record needs fingerprint and photo, or a signature when biometrics were declined"),
  LATE_UPLOAD(Stage.RULE, Severity.WARNING, "uploaded more than 7 days after the vaccination"),

  VALIDATION_FAILED(Stage.PROCESSING, Severity.ERROR,
      "the rules could not be evaluated on this record (kept rather than failing the job)"),
  INDEX_REFUSED(Stage.PROCESSING, Severity.ERROR,
      "Elasticsearch refused the document for good (e.g. a value its mapping cannot hold)");

  /** Where a reason is decided. */
  public enum Stage { FORMAT, RULE, PROCESSING }

  private final Stage stage;
  private final Severity severity;
  private final String description;

  ReasonCode(Stage stage, Severity severity, String description) {
    this.stage = stage;
    this.severity = severity;
    this.description = description;
  }

  public Stage stage() {
    return stage;
  }

  public Severity severity() {
    return severity;
  }

  public String description() {
    return description;
  }

  /** The code of a name found in a header or a finding; empty for a name this version does not know. */
  public static Optional<ReasonCode> of(String name) {
    for (ReasonCode code : values()) {
      if (code.name().equals(name)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }
}
