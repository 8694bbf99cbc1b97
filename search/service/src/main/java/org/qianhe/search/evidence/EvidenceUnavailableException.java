package org.qianhe.search.evidence;

import java.io.IOException;

/** The evidence store cannot be opened here (no keystore or password yet): 503, try later. */
public class EvidenceUnavailableException extends IOException {

  public EvidenceUnavailableException(String message) {
    super(message);
  }
}
