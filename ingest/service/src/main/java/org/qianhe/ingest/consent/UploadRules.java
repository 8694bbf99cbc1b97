package org.qianhe.ingest.consent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.Finding;
import org.qianhe.model.ScreeningAnswer;
import org.qianhe.model.Severity;

/**
 * Format rules ingest applies to uploads on top of the shared ones ({@code ConsentValidator}):
 *
 * <ul>
 *   <li>bounded sizes: no string longer than {@value #MAX_TEXT} characters (screening notes
 *       {@value #MAX_NOTE}), at most {@value #MAX_SCREENING} screening answers and
 *       {@value #MAX_EVIDENCE} evidence references — a consent is small, a huge one is an attack;</li>
 *   <li>evidence ids of {@code [A-Za-z0-9._-]{1,64}}: they name multipart parts and go into the store;</li>
 *   <li>the confirmation method decides the evidence: {@code BIOMETRIC} needs the guardian's
 *       biometric consent and exactly one fingerprint and one photo; {@code E_PEN} (a guardian who
 *       declines biometrics must not lose the child's vaccination over it) needs exactly one
 *       signature image and carries no biometric evidence at all.</li>
 * </ul>
 */
final class UploadRules {

  static final int MAX_TEXT = 256;
  static final int MAX_NOTE = 1000;
  static final int MAX_SCREENING = 50;
  static final int MAX_EVIDENCE = 8;
  private static final Pattern EVIDENCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private UploadRules() {}

  static List<Finding> check(ConsentUpload upload) {
    List<Finding> findings = new ArrayList<>();
    lengths(upload, findings);
    List<EvidenceRef> evidence = upload.getEvidence();
    for (int i = 0; i < evidence.size(); i++) {
      if (!EVIDENCE_ID.matcher(evidence.get(i).getEvidenceId()).matches()) {
        add(findings, "EVIDENCE_ID_FORMAT", "evidence[" + i + "].evidenceId", "must be 1 to 64 letters, digits, '.', '_' or '-'");
      }
      if (evidence.get(i).getSizeBytes() <= 0) {
        add(findings, "EVIDENCE_SIZE_RANGE", "evidence[" + i + "].sizeBytes", "must be positive");
      }
    }
    method(upload, findings);
    // Kafka, staging and the archive keep milliseconds: a finer instant would not be what was signed
    if (upload.getSignature() != null && upload.getSignature().getSignedAt() != null
        && upload.getSignature().getSignedAt().getNano() % 1_000_000 != 0) {
      add(findings, "TIMESTAMP_PRECISION", "signature.signedAt", "must be whole milliseconds");
    }
    return findings;
  }

  private static void method(ConsentUpload upload, List<Finding> findings) {
    Map<EvidenceKind, Integer> kinds = new EnumMap<>(EvidenceKind.class);
    upload.getEvidence().forEach(ref -> kinds.merge(ref.getKind(), 1, Integer::sum));
    if (upload.getConfirmationMethod() == ConfirmationMethod.BIOMETRIC) {
      if (!upload.getBiometricConsent()) {
        add(findings, "BIOMETRIC_CONSENT_MISSING", "biometricConsent",
            "confirming with fingerprint and photo needs the guardian's biometric consent; without it, use E_PEN");
      }
      exactlyOne(kinds, EvidenceKind.FINGERPRINT, findings, "a BIOMETRIC confirmation needs one fingerprint template");
      exactlyOne(kinds, EvidenceKind.PHOTO, findings, "a BIOMETRIC confirmation needs one photo");
      if (kinds.containsKey(EvidenceKind.SIGNATURE)) {
        add(findings, "EVIDENCE_NOT_ALLOWED", "evidence", "a BIOMETRIC confirmation carries no signature image");
      }
    } else {
      exactlyOne(kinds, EvidenceKind.SIGNATURE, findings, "an E_PEN confirmation needs one signature image");
      if (kinds.containsKey(EvidenceKind.FINGERPRINT) || kinds.containsKey(EvidenceKind.PHOTO)) {
        add(findings, "EVIDENCE_NOT_ALLOWED", "evidence",
            "an E_PEN confirmation carries no fingerprint or photo: the guardian declined biometrics");
      }
    }
  }

  private static void exactlyOne(Map<EvidenceKind, Integer> kinds, EvidenceKind kind, List<Finding> findings, String message) {
    int count = kinds.getOrDefault(kind, 0);
    if (count == 0) {
      add(findings, "EVIDENCE_REQUIRED", "evidence", message);
    } else if (count > 1) {
      add(findings, "EVIDENCE_REPEATED", "evidence", message + ", not " + count);
    }
  }

  private static void lengths(ConsentUpload upload, List<Finding> findings) {
    text(findings, "consentId", upload.getConsentId());
    text(findings, "regionCode", upload.getRegionCode());
    text(findings, "siteCode", upload.getSiteCode());
    text(findings, "terminalId", upload.getTerminalId());
    var v = upload.getVaccination();
    text(findings, "vaccination.vaccineCode", v.getVaccineCode());
    text(findings, "vaccination.vaccineName", v.getVaccineName());
    text(findings, "vaccination.manufacturer", v.getManufacturer());
    text(findings, "vaccination.lotNumber", v.getLotNumber());
    text(findings, "vaccination.route", v.getRoute());
    text(findings, "vaccination.bodySite", v.getBodySite());
    text(findings, "notice.templateId", upload.getNotice().getTemplateId());
    text(findings, "notice.version", upload.getNotice().getVersion());
    text(findings, "notice.digest", upload.getNotice().getDigest());
    text(findings, "child.name", upload.getChild().getName());
    text(findings, "child.idNumber", upload.getChild().getIdNumber());
    text(findings, "guardian.name", upload.getGuardian().getName());
    text(findings, "guardian.idNumber", upload.getGuardian().getIdNumber());
    text(findings, "guardian.phone", upload.getGuardian().getPhone());
    text(findings, "guardian.relation", upload.getGuardian().getRelation());
    if (upload.getScreening().size() > MAX_SCREENING) {
      add(findings, "FIELD_TOO_LONG", "screening", "at most " + MAX_SCREENING + " answers");
    }
    for (int i = 0; i < Math.min(upload.getScreening().size(), MAX_SCREENING); i++) {
      ScreeningAnswer answer = upload.getScreening().get(i);
      text(findings, "screening[" + i + "].questionCode", answer.getQuestionCode());
      if (answer.getNote() != null && answer.getNote().length() > MAX_NOTE) {
        add(findings, "FIELD_TOO_LONG", "screening[" + i + "].note", "at most " + MAX_NOTE + " characters");
      }
    }
    if (upload.getEvidence().size() > MAX_EVIDENCE) {
      add(findings, "FIELD_TOO_LONG", "evidence", "at most " + MAX_EVIDENCE + " evidence references");
    }
    for (int i = 0; i < upload.getEvidence().size(); i++) {
      EvidenceRef ref = upload.getEvidence().get(i);
      text(findings, "evidence[" + i + "].digest", ref.getDigest());
      text(findings, "evidence[" + i + "].mediaType", ref.getMediaType());
    }
    if (upload.getSignature() != null) {
      text(findings, "signature.algorithm", upload.getSignature().getAlgorithm());
      text(findings, "signature.keyId", upload.getSignature().getKeyId());
      if (upload.getSignature().getValue() != null && upload.getSignature().getValue().length() > 1024) {
        add(findings, "FIELD_TOO_LONG", "signature.value", "at most 1024 characters");
      }
    }
  }

  private static void text(List<Finding> findings, String field, String value) {
    if (value != null && value.length() > MAX_TEXT) {
      add(findings, "FIELD_TOO_LONG", field, "at most " + MAX_TEXT + " characters");
    }
  }

  private static void add(List<Finding> findings, String code, String field, String message) {
    findings.add(Finding.newBuilder().setCode(code).setSeverity(Severity.ERROR).setField(field).setMessage(message).build());
  }
}
