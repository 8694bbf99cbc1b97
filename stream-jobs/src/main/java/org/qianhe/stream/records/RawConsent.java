package org.qianhe.stream.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record of {@code consent.raw} as it arrived: the key (the consentId the producer chose,
 * may be null) and the value bytes, untouched. Decoding happens later in a named function, so that
 * bytes that do not decode are quarantined instead of failing (or silently skipping in) the source.
 *
 * @param replayReasons the reason codes it was quarantined with, when the replay command put it
 *                      back into consent.raw ({@code qianhe-replay-reasons} header); null otherwise
 */
public record RawConsent(String key, byte[] value, String replayReasons) {

  public RawConsent(String key, byte[] value) {
    this(key, value, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawConsent other && Objects.equals(key, other.key) && Arrays.equals(value, other.value)
        && Objects.equals(replayReasons, other.replayReasons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), replayReasons);
  }

  /** Never the bytes: they hold a consent (logs must not). */
  @Override
  public String toString() {
    return "RawConsent[key=" + key + ", " + (value == null ? "no value" : value.length + " bytes")
        + (replayReasons == null ? "" : ", replay of " + replayReasons) + "]";
  }
}
