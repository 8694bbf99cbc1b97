package org.qianhe.batch.verify;

/**
 * One result of a check. {@code mismatch} findings fail the verification; the others are facts
 * worth reporting (e.g. how many records are unsigned). Messages name files and consentIds, never
 * a person's data.
 */
public record Finding(Property property, boolean mismatch, String partition, String message) {

  static Finding mismatch(Property property, String partition, String message) {
    return new Finding(property, true, partition, message);
  }

  static Finding note(Property property, String partition, String message) {
    return new Finding(property, false, partition, message);
  }
}
