package org.qianhe.search.index;

/**
 * Names of the document fields that queries use, so a query and the mapping in
 * {@code consents-template.json} cannot drift apart silently (a misspelt field in a term query
 * matches nothing rather than failing).
 */
public final class ConsentFields {

  public static final String CONSENT_ID = "consentId";
  public static final String SOURCE = "source";
  public static final String REGION_CODE = "regionCode";
  public static final String SITE_CODE = "siteCode";
  public static final String TERMINAL_ID = "terminalId";
  public static final String OCCURRED_AT = "occurredAt";
  public static final String RECEIVED_AT = "receivedAt";
  public static final String VACCINE_CODE = "vaccineCode";
  public static final String LOT_NUMBER = "lotNumber";
  public static final String DECISION = "decision";
  public static final String VALIDATION_STATUS = "validationStatus";
  public static final String CHILD_KEY = "child.key";
  public static final String GUARDIAN_KEY = "guardian.key";
  public static final String DUPLICATE_OF = "duplicateOf";

  private ConsentFields() {}
}
