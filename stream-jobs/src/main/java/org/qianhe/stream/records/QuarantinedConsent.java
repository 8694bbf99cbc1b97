package org.qianhe.stream.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * A consent held back for people to look at: the original Kafka key and value and the
 * comma-separated reason codes that go into the {@code qianhe-reasons} header.
 */
public record QuarantinedConsent(String key, byte[] value, String reasons) {

  @Override
  public boolean equals(Object o) {
    return o instanceof QuarantinedConsent other && Objects.equals(key, other.key)
        && Arrays.equals(value, other.value) && Objects.equals(reasons, other.reasons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), reasons);
  }

  /** Never the bytes: they hold a consent (logs must not). */
  @Override
  public String toString() {
    return "QuarantinedConsent[key=" + key + ", reasons=" + reasons + "]";
  }
}
