package org.qianhe.model.kafka;

/** Kafka topic names and header keys shared by every stage (DESIGN.md section 7). */
public final class Topics {

  public static final String RAW = "consent.raw";
  public static final String QUARANTINE = "consent.quarantine";
  public static final String DUPLICATES = "consent.duplicates";

  /** Comma-separated reason codes on a quarantined record. */
  public static final String HEADER_REASONS = "qianhe-reasons";
  /** consentId of the record kept, on a duplicate. */
  public static final String HEADER_DUPLICATE_OF = "qianhe-duplicate-of";

  private Topics() {}
}
