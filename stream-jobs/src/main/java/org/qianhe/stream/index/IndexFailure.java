package org.qianhe.stream.index;

/**
 * A document the index did not take, with what that means for the record.
 *
 * @param status HTTP status of the item, or -1 when the whole request failed (no connection, timeout)
 */
public record IndexFailure(String consentId, int status, String errorType) {

  /** What to do with the record. */
  public enum Kind {
    /** This document can never be indexed (mapping cannot hold a value): quarantine it as INDEX_REFUSED. */
    REFUSED,
    /** Elasticsearch is down, overloaded or read-only for now: hold the record and send it again. */
    UNAVAILABLE,
    /** The index or alias is missing or access is denied: no record can be indexed; an operator must act. */
    MISCONFIGURED
  }

  public Kind kind() {
    if (status < 0 || status == 408 || status == 429 || status >= 500) {
      return Kind.UNAVAILABLE;
    }
    if (status == 403 && "cluster_block_exception".equals(errorType)) {
      return Kind.UNAVAILABLE; // read-only after a disk watermark: it lifts when space is freed
    }
    if (status == 401 || status == 403 || status == 404) {
      return Kind.MISCONFIGURED;
    }
    return Kind.REFUSED;
  }

  @Override
  public String toString() {
    return consentId + " (" + (status < 0 ? "" : status + " ") + errorType + ")";
  }
}
