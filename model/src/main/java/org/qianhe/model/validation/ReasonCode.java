package org.qianhe.model.validation;

import org.qianhe.model.Severity;

/**
 * Machine-readable reasons a consent is refused, quarantined or flagged. FORMAT reasons are
 * what a terminal can fix and are refused at upload (400); RULE reasons concern a consent that
 * did happen, so it is kept and quarantined for people to look at, never dropped.
 */
public enum ReasonCode {
  CONSENT_ID_FORMAT(Stage.FORMAT, Severity.ERROR, "consentId must be a UUID"),
  REGION_CODE_FORMAT(Stage.FORMAT, Severity.ERROR, "regionCode must be a 6-digit GB/T 2260 code"),
  FIELD_BLANK(Stage.FORMAT, Severity.ERROR, "must not be blank"),
  DOSE_NUMBER_RANGE(Stage.FORMAT, Severity.ERROR, "doseNumber must be between 1 and 10"),
  ID_NUMBER_FORMAT(Stage.FORMAT, Severity.ERROR, "must be an 18-character citizen ID number"),
  PHONE_FORMAT(Stage.FORMAT, Severity.ERROR, "must be an 11-digit mobile number"),
  DIGEST_FORMAT(Stage.FORMAT, Severity.ERROR, "must be a lowercase hex digest"),

  OCCURRED_AFTER_RECEIVED(Stage.RULE, Severity.ERROR,
      "occurredAt is later than receivedAt plus the allowed clock skew"),
  BORN_AFTER_VACCINATION(Stage.RULE, Severity.ERROR, "the child's birth month is after the vaccination"),
  LOT_EXPIRED(Stage.RULE, Severity.ERROR, "the lot had expired when the dose was given"),
  EVIDENCE_MISSING(Stage.RULE, Severity.ERROR,
      "a CONSENTED record needs fingerprint and photo, or a signature when biometrics were declined"),
  LATE_UPLOAD(Stage.RULE, Severity.WARNING, "uploaded more than 7 days after the vaccination");

  /** Where a reason is decided. */
  public enum Stage { FORMAT, RULE }

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
}
