package org.qianhe.stream.records;

import java.util.Arrays;
import java.util.Objects;
import org.qianhe.model.ConsentRecord;

/**
 * A decoded consent together with the bytes it came from: quarantine and duplicates carry the
 * original value byte for byte, so a replay after a fix re-injects exactly what was received.
 */
public record DecodedConsent(String key, byte[] value, ConsentRecord record) {

  public String consentId() {
    return record.getConsentId();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecodedConsent other && Objects.equals(key, other.key)
        && Arrays.equals(value, other.value) && Objects.equals(record, other.record);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), record);
  }

  /** The consentId only: the record's masked people and sealed identity stay out of logs. */
  @Override
  public String toString() {
    return "DecodedConsent[consentId=" + consentId() + "]";
  }
}
