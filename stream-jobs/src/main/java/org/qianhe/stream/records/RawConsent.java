package org.qianhe.stream.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record of {@code consent.raw} as it arrived: the key (the consentId the producer chose,
 * may be null) and the value bytes, untouched. Decoding happens later in a named function, so that
 * bytes that do not decode are quarantined instead of failing (or silently skipping in) the source.
 */
public record RawConsent(String key, byte[] value) {

  @Override
  public boolean equals(Object o) {
    return o instanceof RawConsent other && Objects.equals(key, other.key) && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(key) + Arrays.hashCode(value);
  }

  /** Never the bytes: they hold a consent (logs must not). */
  @Override
  public String toString() {
    return "RawConsent[key=" + key + ", " + (value == null ? "no value" : value.length + " bytes") + "]";
  }
}
