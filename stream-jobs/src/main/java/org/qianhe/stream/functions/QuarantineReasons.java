package org.qianhe.stream.functions;

/**
 * Quarantine reasons decided by the stream job itself, beside the validation reason codes of
 * {@link org.qianhe.model.validation.ReasonCode}: they concern bytes that never became a record.
 */
public final class QuarantineReasons {

  /** The value is not a consent record of a known schema (ConsentRecordCodec refused it). */
  public static final String UNDECODABLE = "UNDECODABLE";
  /** The validator itself failed on a decoded record; kept rather than failing the job forever. */
  public static final String VALIDATION_FAILED = "VALIDATION_FAILED";

  private QuarantineReasons() {}
}
