package org.qianhe.ingest.consent;

import java.util.List;
import org.qianhe.model.ConsentUpload;

/** A well-formed upload as it arrived: the consent and the evidence parts (by the evidenceId in their filename). */
record ReceivedUpload(ConsentUpload consent, List<EvidencePart> evidence) {

  /** One evidence part; {@code data} is plaintext and lives in memory only. */
  record EvidencePart(String evidenceId, String contentType, byte[] data) {
    @Override
    public String toString() {
      return "evidence part (" + data.length + " bytes)"; // never the id (terminal-chosen) nor the bytes
    }
  }
}
