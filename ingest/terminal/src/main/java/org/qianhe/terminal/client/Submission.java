package org.qianhe.terminal.client;

import java.util.Map;
import org.qianhe.model.ConsentUpload;

/**
 * One upload as it goes over the wire: the (signed) consent and the evidence bytes its
 * {@code evidence} references name, by {@code evidenceId}.
 */
public record Submission(ConsentUpload upload, Map<String, byte[]> evidence) {

  public Submission {
    evidence = Map.copyOf(evidence);
  }

  /** The upload as it is, without evidence bytes: for tests of what the service refuses. */
  public static Submission of(ConsentUpload upload) {
    return new Submission(upload, Map.of());
  }
}
