package org.qianhe.ingest.evidence;

import org.qianhe.model.EvidenceRef;

/**
 * One piece of evidence (a fingerprint template, a photo, a signature image) with the reference a
 * consent carries for it. The data is plaintext: it exists only in memory, never on disk.
 */
public record EvidenceItem(EvidenceRef ref, byte[] data) {

  @Override
  public String toString() {
    return ref.getKind() + " " + ref.getEvidenceId() + " (" + data.length + " bytes)"; // never the bytes
  }
}
