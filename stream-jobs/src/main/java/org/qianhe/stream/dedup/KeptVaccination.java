package org.qianhe.stream.dedup;

/**
 * Semantic dedup state for one kept record: its consentId and, when it came from a paper scan,
 * enough to re-issue it as superseded if the terminal's record of the same vaccination arrives
 * later (the terminal record wins). A Flink POJO: public fields, no-argument constructor.
 */
public class KeptVaccination {

  public String consentId;
  public boolean paper;
  /** Paper records only: the Kafka key and original value, and the validated record (Avro single-object). */
  public String paperKey;
  public byte[] paperValue;
  public byte[] paperRecord;

  public KeptVaccination() {}

  static KeptVaccination terminal(String consentId) {
    KeptVaccination kept = new KeptVaccination();
    kept.consentId = consentId;
    return kept;
  }

  static KeptVaccination paper(String consentId, String key, byte[] value, byte[] record) {
    KeptVaccination kept = terminal(consentId);
    kept.paper = true;
    kept.paperKey = key;
    kept.paperValue = value;
    kept.paperRecord = record;
    return kept;
  }
}
