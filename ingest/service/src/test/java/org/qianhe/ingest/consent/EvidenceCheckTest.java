package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.system.ProblemError;
import org.qianhe.ingest.system.ProblemException;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.terminal.client.Submission;

/** The evidence bytes against their references, one rule at a time. */
class EvidenceCheckTest {

  private final EvidenceCheck check = new EvidenceCheck();

  @Test
  void matchingEvidenceBecomesItems() {
    Submission submission = biometric(1);

    List<EvidenceItem> items = check.check(submission.upload(), parts(submission), Uploads.SUITE);

    assertThat(items).extracting(i -> i.ref().getKind()).containsExactly(EvidenceKind.FINGERPRINT, EvidenceKind.PHOTO);
    assertThat(items.get(1).data()).isEqualTo(submission.evidence().get(items.get(1).ref().getEvidenceId()));
  }

  @Test
  void aMissingPartAndAnUnreferencedPartAreBothNamed() {
    Submission submission = biometric(2);
    List<ReceivedUpload.EvidencePart> parts = parts(submission);
    ReceivedUpload.EvidencePart photo = parts.remove(1);
    parts.add(new ReceivedUpload.EvidencePart("something-else", photo.contentType(), photo.data()));

    assertThat(codes(submission.upload(), parts)).containsExactlyInAnyOrder("EVIDENCE_PART_MISSING", "EVIDENCE_PART_UNREFERENCED");
  }

  @Test
  void alteredBytesFailTheirDigestAndSize() {
    Submission submission = biometric(3);
    List<ReceivedUpload.EvidencePart> parts = parts(submission);
    byte[] photo = parts.get(1).data().clone();
    photo[photo.length / 2] ^= 1;
    parts.set(1, new ReceivedUpload.EvidencePart(parts.get(1).evidenceId(), "image/jpeg", photo));
    byte[] longer = java.util.Arrays.copyOf(parts.get(0).data(), parts.get(0).data().length + 1);
    parts.set(0, new ReceivedUpload.EvidencePart(parts.get(0).evidenceId(), parts.get(0).contentType(), longer));

    assertThat(fields(submission.upload(), parts)).containsExactlyInAnyOrder("evidence[0].sizeBytes", "evidence[0].digest",
        "evidence[1].digest");
  }

  @Test
  void aPngDeclaredAsJpegAndAWrongPartTypeAreRefused() {
    Submission submission = biometric(4);
    byte[] png = org.qianhe.terminal.simulator.EvidenceSimulator.signature(1);
    EvidenceRef photoRef = submission.upload().getEvidence().get(1);
    photoRef.setDigest(Uploads.SUITE.digestHex(png));
    photoRef.setSizeBytes(png.length);
    List<ReceivedUpload.EvidencePart> parts = parts(submission);
    parts.set(1, new ReceivedUpload.EvidencePart(photoRef.getEvidenceId(), "image/png", png));

    assertThat(codes(submission.upload(), parts)).containsExactlyInAnyOrder("EVIDENCE_MEDIA_TYPE_MISMATCH", "EVIDENCE_CONTENT_MISMATCH");
  }

  @Test
  void scansAndUnexpectedMediaTypesAndRepeatsAreRefused() {
    Submission submission = biometric(5);
    List<ReceivedUpload.EvidencePart> parts = parts(submission);
    ConsentUpload upload = submission.upload();
    List<EvidenceRef> refs = new ArrayList<>(upload.getEvidence());
    refs.get(0).setMediaType("image/bmp");
    refs.add(EvidenceRef.newBuilder(refs.get(1)).build());
    refs.add(EvidenceRef.newBuilder(refs.get(1)).setKind(EvidenceKind.SCAN).setEvidenceId("scan-1").build());
    upload.setEvidence(refs);
    parts.add(new ReceivedUpload.EvidencePart("scan-1", "image/jpeg", parts.get(1).data()));

    assertThat(codes(upload, parts)).containsExactlyInAnyOrder("EVIDENCE_MEDIA_TYPE_NOT_ALLOWED",
        "EVIDENCE_MEDIA_TYPE_MISMATCH", "EVIDENCE_ID_REPEATED", "EVIDENCE_KIND_NOT_ALLOWED");
  }

  @Test
  void anEmptyPartAndARepeatedPartAreRefused() {
    Submission submission = biometric(6);
    List<ReceivedUpload.EvidencePart> parts = parts(submission);
    parts.set(0, new ReceivedUpload.EvidencePart(parts.get(0).evidenceId(), parts.get(0).contentType(), new byte[0]));
    parts.add(parts.get(1));

    assertThat(codes(submission.upload(), parts)).containsExactlyInAnyOrder("EVIDENCE_EMPTY", "EVIDENCE_PART_REPEATED");
  }

  private static Submission biometric(long seed) {
    for (long s = seed; ; s += 100) {
      ConsentUpload upload = Uploads.sample(s);
      if (upload.getEvidence().size() == 2) {
        return Uploads.captured(upload);
      }
    }
  }

  private static List<ReceivedUpload.EvidencePart> parts(Submission submission) {
    List<ReceivedUpload.EvidencePart> parts = new ArrayList<>();
    for (EvidenceRef ref : submission.upload().getEvidence()) {
      parts.add(new ReceivedUpload.EvidencePart(ref.getEvidenceId(), ref.getMediaType(), submission.evidence().get(ref.getEvidenceId())));
    }
    return parts;
  }

  private List<String> codes(ConsentUpload upload, List<ReceivedUpload.EvidencePart> parts) {
    return errors(upload, parts).stream().map(ProblemError::code).toList();
  }

  private List<String> fields(ConsentUpload upload, List<ReceivedUpload.EvidencePart> parts) {
    return errors(upload, parts).stream().map(ProblemError::field).toList();
  }

  @SuppressWarnings("unchecked")
  private List<ProblemError> errors(ConsentUpload upload, List<ReceivedUpload.EvidencePart> parts) {
    ProblemException problem = catchThrowableOfType(ProblemException.class, () -> check.check(upload, parts, Uploads.SUITE));
    assertThat(problem).as("refused").isNotNull();
    assertThat(problem.getBody().getType().toString()).isEqualTo("urn:qianhe:problem:invalid-evidence");
    return (List<ProblemError>) problem.getBody().getProperties().get("errors");
  }
}
