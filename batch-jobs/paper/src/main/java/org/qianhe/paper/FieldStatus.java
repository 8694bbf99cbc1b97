package org.qianhe.paper;

/** The state of one field after reading and cross-checking. Only CONFIRMED lets a page be accepted. */
public enum FieldStatus {
  /** Read with confidence and confirmed by at least one other source, none disagreeing. */
  CONFIRMED,
  /** Read, but below the confidence threshold (or an ambiguous tick). */
  LOW_CONFIDENCE,
  /** Read, but not a well-formed value (pattern, date, check character). */
  MALFORMED,
  /** Another source (barcode, manifest, second read, code list, another field) says something else. */
  DISAGREES,
  /** Read with confidence, but nothing could confirm it. */
  UNCONFIRMED,
  /** Nothing printed or ticked where the field should be. */
  MISSING
}
