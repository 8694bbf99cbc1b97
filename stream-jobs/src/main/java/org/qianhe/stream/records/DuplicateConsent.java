package org.qianhe.stream.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * A later occurrence of a consent already passed on: the original Kafka value and the consentId of
 * the record kept, which goes into the {@code qianhe-duplicate-of} header.
 */
public record DuplicateConsent(String key, byte[] value, String duplicateOf) {

  @Override
  public boolean equals(Object o) {
    return o instanceof DuplicateConsent other && Objects.equals(key, other.key)
        && Arrays.equals(value, other.value) && Objects.equals(duplicateOf, other.duplicateOf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), duplicateOf);
  }

  /** Never the bytes: they hold a consent (logs must not). */
  @Override
  public String toString() {
    return "DuplicateConsent[key=" + key + ", duplicateOf=" + duplicateOf + "]";
  }
}
