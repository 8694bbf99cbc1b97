package org.qianhe.model.validation;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Decision;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.Finding;
import org.qianhe.model.Severity;
import org.qianhe.model.Vaccination;
import org.qianhe.model.codes.CodeLists;

/**
 * The validation rules shared by ingest (format, on uploads), the stream job and paper migration
 * (format and rules, on records). Each finding names a reason code and a field, never a value.
 * Reference data (vaccines and their schedules, region codes, notices) come from
 * {@link CodeLists}; the rules that need it live in {@link ReferenceRules}.
 */
public final class ConsentValidator {

  /** Vaccination dates are judged in the time zone of the clinics. */
  public static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Shanghai");

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern REGION = Pattern.compile("[1-8][0-9]{5}");
  private static final Pattern CITIZEN_ID = Pattern.compile("[0-9]{17}[0-9X]");
  private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");
  private static final Duration LATE_AFTER = Duration.ofDays(7);

  private final Duration allowedClockSkew;
  private final ReferenceRules reference;

  /** With the code lists bundled in this jar. */
  public ConsentValidator(Duration allowedClockSkew) {
    this(allowedClockSkew, CodeLists.bundled());
  }

  public ConsentValidator(Duration allowedClockSkew, CodeLists codeLists) {
    this.allowedClockSkew = allowedClockSkew;
    this.reference = new ReferenceRules(codeLists);
  }

  /** Format checks on what a terminal sent; any finding here means 400. */
  public List<Finding> checkUpload(ConsentUpload upload) {
    Findings findings = new Findings();
    commonFormat(findings, upload.getConsentId(), upload.getRegionCode(), upload.getSiteCode(),
        upload.getVaccination(), upload.getNotice().getDigest(), upload.getEvidence());
    findings.blankIf(upload.getTerminalId(), "terminalId");
    citizenId(findings, upload.getChild().getIdNumber(), "child.idNumber");
    citizenId(findings, upload.getGuardian().getIdNumber(), "guardian.idNumber");
    findings.when(!MOBILE.matcher(upload.getGuardian().getPhone()).matches(),
        ReasonCode.PHONE_FORMAT, "guardian.phone");
    findings.blankIf(upload.getChild().getName(), "child.name");
    findings.blankIf(upload.getGuardian().getName(), "guardian.name");
    return findings.list;
  }

  /** Every check that applies to an archived record: format (again, for records not from ingest) and rules. */
  public List<Finding> checkRecord(ConsentRecord record) {
    Findings findings = new Findings();
    commonFormat(findings, record.getConsentId(), record.getRegionCode(), record.getSiteCode(),
        record.getVaccination(), record.getNotice().getDigest(), record.getEvidence());
    reference.check(record, findings);

    findings.when(record.getOccurredAt().isAfter(record.getReceivedAt().plus(allowedClockSkew)),
        ReasonCode.OCCURRED_AFTER_RECEIVED, "occurredAt");
    LocalDate givenOn = record.getOccurredAt().atZone(CLINIC_ZONE).toLocalDate();
    findings.when(bornAfter(record.getChild().getBirthYearMonth(), givenOn),
        ReasonCode.BORN_AFTER_VACCINATION, "child.birthYearMonth");
    findings.when(record.getVaccination().getLotExpiry().isBefore(givenOn),
        ReasonCode.LOT_EXPIRED, "vaccination.lotExpiry");
    findings.when(record.getDecision() == Decision.CONSENTED
            && !hasRequiredEvidence(record.getConfirmationMethod(), record.getEvidence()),
        ReasonCode.EVIDENCE_MISSING, "evidence");
    findings.when(Duration.between(record.getOccurredAt(), record.getReceivedAt()).compareTo(LATE_AFTER) > 0,
        ReasonCode.LATE_UPLOAD, "receivedAt");
    return findings.list;
  }

  public static boolean hasErrors(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.getSeverity() == Severity.ERROR);
  }

  public static String reasonCodes(List<Finding> findings) {
    return findings.stream().map(Finding::getCode).distinct().collect(Collectors.joining(","));
  }

  static boolean regionFormatOk(String regionCode) {
    return regionCode != null && REGION.matcher(regionCode).matches();
  }

  static boolean digestFormatOk(String digest) {
    return digest != null && HEX_DIGEST.matcher(digest).matches();
  }

  static boolean doseRangeOk(int doseNumber) {
    return doseNumber >= 1 && doseNumber <= 10;
  }

  private static void commonFormat(Findings findings, String consentId, String regionCode,
      String siteCode, Vaccination vaccination, String noticeDigest, List<EvidenceRef> evidence) {
    findings.when(!UUID.matcher(consentId).matches(), ReasonCode.CONSENT_ID_FORMAT, "consentId");
    findings.when(!REGION.matcher(regionCode).matches(), ReasonCode.REGION_CODE_FORMAT, "regionCode");
    findings.blankIf(siteCode, "siteCode");
    findings.blankIf(vaccination.getVaccineCode(), "vaccination.vaccineCode");
    findings.blankIf(vaccination.getLotNumber(), "vaccination.lotNumber");
    findings.when(!doseRangeOk(vaccination.getDoseNumber()),
        ReasonCode.DOSE_NUMBER_RANGE, "vaccination.doseNumber");
    findings.when(!HEX_DIGEST.matcher(noticeDigest).matches(), ReasonCode.DIGEST_FORMAT, "notice.digest");
    for (int i = 0; i < evidence.size(); i++) {
      findings.when(!HEX_DIGEST.matcher(evidence.get(i).getDigest()).matches(),
          ReasonCode.DIGEST_FORMAT, "evidence[" + i + "].digest");
    }
  }

  /**
   * The ID number never reaches a ConsentRecord (only its blind index and a mask), so its check
   * character can only be verified here, on the upload; a malformed number gets the format
   * finding only.
   */
  private static void citizenId(Findings findings, String id, String field) {
    if (!CITIZEN_ID.matcher(id).matches()) {
      findings.when(true, ReasonCode.ID_NUMBER_FORMAT, field);
    } else {
      findings.when(!CitizenIdNumber.hasValidCheckCharacter(id), ReasonCode.ID_NUMBER_CHECK_DIGIT, field);
    }
  }

  private static boolean bornAfter(String birthYearMonth, LocalDate givenOn) {
    try {
      return YearMonth.parse(birthYearMonth).isAfter(YearMonth.from(givenOn));
    } catch (java.time.format.DateTimeParseException e) {
      return true;
    }
  }

  private static boolean hasRequiredEvidence(ConfirmationMethod method, List<EvidenceRef> evidence) {
    Set<EvidenceKind> kinds = evidence.stream().map(EvidenceRef::getKind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(EvidenceKind.class)));
    return switch (method) {
      case BIOMETRIC -> kinds.contains(EvidenceKind.FINGERPRINT) && kinds.contains(EvidenceKind.PHOTO);
      case E_PEN -> kinds.contains(EvidenceKind.SIGNATURE);
    };
  }

  static final class Findings {
    private final List<Finding> list = new ArrayList<>();

    void when(boolean failed, ReasonCode code, String field) {
      if (failed) {
        list.add(Finding.newBuilder().setCode(code.name()).setSeverity(code.severity())
            .setField(field).setMessage(code.description()).build());
      }
    }

    void blankIf(String value, String field) {
      when(value == null || value.isBlank(), ReasonCode.FIELD_BLANK, field);
    }
  }
}
