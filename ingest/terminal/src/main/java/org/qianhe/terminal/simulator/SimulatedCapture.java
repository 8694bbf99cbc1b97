package org.qianhe.terminal.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.terminal.client.Submission;

/**
 * What a terminal's capture step adds to a generated consent: the evidence bytes its references
 * name (fingerprint template and photo, or the e-pen signature image, from {@link EvidenceSimulator}),
 * with the references' digests, sizes and media types made to match those bytes.
 */
public final class SimulatedCapture {

  private SimulatedCapture() {}

  /** The consent with real evidence; the generated consent is left as it was. Not signed yet. */
  public static Submission of(ConsentUpload generated, CryptoSuite digestSuite) {
    ConsentUpload captured = ConsentUpload.newBuilder(generated).build();
    long seed = generated.getConsentId().hashCode();
    Map<String, byte[]> evidence = new LinkedHashMap<>();
    List<EvidenceRef> refs = new ArrayList<>();
    for (EvidenceRef ref : generated.getEvidence()) {
      byte[] data;
      String mediaType;
      switch (ref.getKind()) {
        case FINGERPRINT -> {
          data = EvidenceSimulator.fingerprint(seed);
          mediaType = EvidenceSimulator.FINGERPRINT_TYPE;
        }
        case PHOTO -> {
          data = EvidenceSimulator.photo(seed);
          mediaType = EvidenceSimulator.PHOTO_TYPE;
        }
        case SIGNATURE -> {
          data = EvidenceSimulator.signature(seed);
          mediaType = EvidenceSimulator.SIGNATURE_TYPE;
        }
        default -> throw new IllegalArgumentException("a terminal does not capture " + ref.getKind() + " evidence");
      }
      refs.add(EvidenceRef.newBuilder(ref).setDigest(digestSuite.digestHex(data)).setSizeBytes(data.length)
          .setMediaType(mediaType).build());
      evidence.put(ref.getEvidenceId(), data);
    }
    captured.setEvidence(refs);
    return new Submission(captured, evidence);
  }
}
