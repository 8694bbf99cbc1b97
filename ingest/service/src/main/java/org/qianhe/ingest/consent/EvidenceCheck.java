package org.qianhe.ingest.consent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.system.ProblemError;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuite;
import org.springframework.stereotype.Component;

/**
 * Checks the evidence bytes against the consent's (signed) evidence references: one part per
 * reference and none besides, the declared media type and size, the digest under the terminal's
 * suite, and content that is what its media type says (the format's magic bytes). Every problem is
 * reported at once, by the reference's position, never with a value.
 *
 * <p>Runs after authentication: the digests are the terminal's, in its suite, and a signature that
 * verifies binds the bytes to the terminal through them.
 */
@Component
class EvidenceCheck {

  /** What a terminal may send, by kind; paper scans never come from a terminal. */
  private static final Map<EvidenceKind, Set<String>> MEDIA_TYPES = Map.of(
      EvidenceKind.FINGERPRINT, Set.of(MediaTypes.ISO_19794_2),
      EvidenceKind.PHOTO, Set.of(MediaTypes.JPEG),
      EvidenceKind.SIGNATURE, Set.of(MediaTypes.PNG, MediaTypes.JPEG));

  List<EvidenceItem> check(ConsentUpload upload, List<ReceivedUpload.EvidencePart> parts, CryptoSuite terminalSuite) {
    List<ProblemError> problems = new ArrayList<>();
    Map<String, ReceivedUpload.EvidencePart> byId = new HashMap<>();
    for (ReceivedUpload.EvidencePart part : parts) {
      if (byId.put(part.evidenceId(), part) != null) {
        problems.add(new ProblemError("evidence", "EVIDENCE_PART_REPEATED", "two evidence parts carry the same evidenceId"));
      }
    }
    List<EvidenceRef> refs = upload.getEvidence();
    Set<String> referenced = new HashSet<>();
    List<EvidenceItem> items = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      EvidenceRef ref = refs.get(i);
      String field = "evidence[" + i + "]";
      if (!referenced.add(ref.getEvidenceId())) {
        problems.add(new ProblemError(field + ".evidenceId", "EVIDENCE_ID_REPEATED", "another reference has the same evidenceId"));
        continue;
      }
      Set<String> allowed = MEDIA_TYPES.get(ref.getKind());
      if (allowed == null) {
        problems.add(new ProblemError(field + ".kind", "EVIDENCE_KIND_NOT_ALLOWED", "terminals send FINGERPRINT, PHOTO or SIGNATURE evidence"));
        continue;
      }
      if (!allowed.contains(ref.getMediaType())) {
        problems.add(new ProblemError(field + ".mediaType", "EVIDENCE_MEDIA_TYPE_NOT_ALLOWED",
            ref.getKind() + " evidence must be " + String.join(" or ", allowed.stream().sorted().toList())));
      }
      ReceivedUpload.EvidencePart part = byId.get(ref.getEvidenceId());
      if (part == null) {
        problems.add(new ProblemError(field, "EVIDENCE_PART_MISSING", "no evidence part carries this evidenceId"));
        continue;
      }
      byte[] data = part.data();
      if (!ref.getMediaType().equals(MediaTypes.essence(part.contentType()))) {
        problems.add(new ProblemError(field + ".mediaType", "EVIDENCE_MEDIA_TYPE_MISMATCH", "the part's Content-Type is not the reference's mediaType"));
      }
      if (data.length == 0) {
        problems.add(new ProblemError(field, "EVIDENCE_EMPTY", "the evidence part is empty"));
        continue;
      }
      if (data.length != ref.getSizeBytes()) {
        problems.add(new ProblemError(field + ".sizeBytes", "EVIDENCE_SIZE_MISMATCH", "the part's length is not sizeBytes"));
      }
      if (!terminalSuite.digestHex(data).equals(ref.getDigest())) {
        problems.add(new ProblemError(field + ".digest", "EVIDENCE_DIGEST_MISMATCH",
            "the " + terminalSuite.digestAlgorithm() + " digest of the part is not the reference's digest"));
      }
      if (allowed.contains(ref.getMediaType()) && !MediaTypes.looksLike(ref.getMediaType(), data)) {
        problems.add(new ProblemError(field, "EVIDENCE_CONTENT_MISMATCH", "the bytes are not " + ref.getMediaType()));
      }
      items.add(new EvidenceItem(ref, data));
    }
    for (String id : byId.keySet()) {
      if (!referenced.contains(id)) {
        problems.add(new ProblemError("evidence", "EVIDENCE_PART_UNREFERENCED", "an evidence part matches no evidence reference"));
      }
    }
    if (!problems.isEmpty()) {
      throw ConsentProblems.invalidEvidence(problems);
    }
    return items;
  }

  /** The media types terminals send and the magic bytes that open each format. */
  static final class MediaTypes {
    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final String ISO_19794_2 = "application/x-iso19794-2";

    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** ISO/IEC 19794-2 finger minutiae record: "FMR" and a NUL. */
    private static final byte[] FMR_MAGIC = "FMR\0".getBytes(StandardCharsets.US_ASCII);

    private MediaTypes() {}

    static boolean looksLike(String mediaType, byte[] data) {
      byte[] magic = switch (mediaType) {
        case JPEG -> JPEG_MAGIC;
        case PNG -> PNG_MAGIC;
        case ISO_19794_2 -> FMR_MAGIC;
        default -> null;
      };
      if (magic == null || data.length < magic.length) {
        return false;
      }
      for (int i = 0; i < magic.length; i++) {
        if (data[i] != magic[i]) {
          return false;
        }
      }
      return true;
    }

    /** The type without parameters, lowercased; empty for none. */
    static String essence(String contentType) {
      if (contentType == null) {
        return "";
      }
      int semicolon = contentType.indexOf(';');
      return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
