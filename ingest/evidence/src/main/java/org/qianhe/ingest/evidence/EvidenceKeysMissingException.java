package org.qianhe.ingest.evidence;

/**
 * Ingest's evidence keys are not there (yet): no keystore, no password, or no key of the suite.
 * Processes other than ingest never create keys, since keys made there would address and open
 * nothing ingest wrote; they report this instead.
 */
public class EvidenceKeysMissingException extends IllegalStateException {

  public EvidenceKeysMissingException(String message) {
    super(message);
  }
}
