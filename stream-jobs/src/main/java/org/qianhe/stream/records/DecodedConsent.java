package org.qianhe.stream.records;

import java.util.Arrays;
import java.util.Objects;
import org.qianhe.model.ConsentRecord;

/**
 * A decoded consent together with the bytes it came from: quarantine and duplicates carry the
 * original value byte for byte, so a replay after a fix re-injects exactly what was received.
 * After validation {@code record} carries its validation status; {@code value} stays the original.
 *
 * @param replayReasons the reasons of the quarantine it is replayed from, or null (see {@link RawConsent})
 */
public record DecodedConsent(String key, byte[] value, ConsentRecord record, String replayReasons) {

  public DecodedConsent(String key, byte[] value, ConsentRecord record) {
    this(key, value, record, null);
  }

  public String consentId() {
    return record.getConsentId();
  }

  /** The same consent with another record (e.g. its validation status set); bytes and replay marker stay. */
  public DecodedConsent withRecord(ConsentRecord newRecord) {
    return new DecodedConsent(key, value, newRecord, replayReasons);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecodedConsent other && Objects.equals(key, other.key)
        && Arrays.equals(value, other.value) && Objects.equals(record, other.record)
        && Objects.equals(replayReasons, other.replayReasons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), record, replayReasons);
  }

  /** The consentId only: the record's masked people and sealed identity stay out of logs. */
  @Override
  public String toString() {
    return "DecodedConsent[consentId=" + consentId() + "]";
  }
}
