package org.qianhe.ingest.evidence;

/** An evidence object that does not open with its keys, or whose items do not match their references. */
public final class EvidenceIntegrityException extends RuntimeException {

  public EvidenceIntegrityException(String message) {
    super(message);
  }
}
