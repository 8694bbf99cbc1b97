package org.qianhe.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Decision;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.Finding;
import org.qianhe.model.Fixtures;
import org.qianhe.model.Severity;
import org.junit.jupiter.api.Test;

class ConsentValidatorTest {

  private final ConsentValidator validator = new ConsentValidator(Duration.ofMinutes(5));

  @Test
  void aValidUploadAndItsRecordHaveNoFindings() {
    assertThat(validator.checkUpload(Fixtures.validUpload())).isEmpty();
    assertThat(validator.checkRecord(Fixtures.validRecord())).isEmpty();
  }

  @Test
  void uploadFormatFindingsNameEachField() {
    ConsentUpload upload = Fixtures.validUpload();
    upload.setConsentId("not-a-uuid");
    upload.setRegionCode("41");
    upload.getChild().setIdNumber("12345");
    upload.getGuardian().setPhone("555-0100");
    upload.getVaccination().setDoseNumber(0);
    upload.setSiteCode(" ");

    assertThat(validator.checkUpload(upload))
        .extracting(Finding::getCode, Finding::getField)
        .containsExactlyInAnyOrder(
            tuple(ReasonCode.CONSENT_ID_FORMAT, "consentId"),
            tuple(ReasonCode.REGION_CODE_FORMAT, "regionCode"),
            tuple(ReasonCode.ID_NUMBER_FORMAT, "child.idNumber"),
            tuple(ReasonCode.PHONE_FORMAT, "guardian.phone"),
            tuple(ReasonCode.DOSE_NUMBER_RANGE, "vaccination.doseNumber"),
            tuple(ReasonCode.FIELD_BLANK, "siteCode"));
  }

  @Test
  void occurredLaterThanReceivedPlusSkewIsAnError() {
    ConsentRecord record = Fixtures.validRecord();
    record.setOccurredAt(record.getReceivedAt().plus(Duration.ofMinutes(6)));

    assertThat(codes(validator.checkRecord(record))).containsExactly("OCCURRED_AFTER_RECEIVED");
  }

  @Test
  void clockSkewWithinTheAllowanceIsAccepted() {
    ConsentRecord record = Fixtures.validRecord();
    record.setOccurredAt(record.getReceivedAt().plus(Duration.ofMinutes(4)));

    assertThat(validator.checkRecord(record)).isEmpty();
  }

  @Test
  void childBornAfterTheVaccinationIsAnError() {
    ConsentRecord record = Fixtures.validRecord();
    record.getChild().setBirthYearMonth("2026-12");

    assertThat(codes(validator.checkRecord(record))).containsExactly("BORN_AFTER_VACCINATION");
  }

  @Test
  void expiredLotIsAnError() {
    ConsentRecord record = Fixtures.validRecord();
    record.getVaccination().setLotExpiry(LocalDate.parse("2026-11-19"));

    assertThat(codes(validator.checkRecord(record))).containsExactly("LOT_EXPIRED");
  }

  @Test
  void consentedWithoutEvidenceIsAnErrorButADeclinedConsentIsKept() {
    ConsentRecord record = Fixtures.validRecord();
    record.setEvidence(List.of(record.getEvidence().get(0)));
    assertThat(codes(validator.checkRecord(record))).containsExactly("EVIDENCE_MISSING");

    record.setDecision(Decision.DECLINED);
    assertThat(validator.checkRecord(record)).isEmpty();
  }

  @Test
  void ePenNeedsASignatureNotBiometrics() {
    ConsentRecord record = Fixtures.validRecord();
    record.setConfirmationMethod(ConfirmationMethod.E_PEN);
    assertThat(codes(validator.checkRecord(record))).containsExactly("EVIDENCE_MISSING");

    record.getEvidence().get(0).setKind(EvidenceKind.SIGNATURE);
    assertThat(validator.checkRecord(record)).isEmpty();
  }

  @Test
  void aLateUploadIsOnlyAWarning() {
    ConsentRecord record = Fixtures.validRecord();
    record.setReceivedAt(record.getOccurredAt().plus(Duration.ofDays(8)));

    List<Finding> findings = validator.checkRecord(record);

    assertThat(findings).extracting(Finding::getCode, Finding::getSeverity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("LATE_UPLOAD", Severity.WARNING));
    assertThat(ConsentValidator.hasErrors(findings)).isFalse();
  }

  @Test
  void findingsNeverCarryValues() {
    ConsentUpload upload = Fixtures.validUpload();
    upload.getChild().setIdNumber("4101052025030112");

    assertThat(validator.checkUpload(upload)).allSatisfy(f ->
        assertThat(f.toString()).doesNotContain("4101052025030112"));
  }

  @Test
  void reasonCodesJoinDistinctCodes() {
    ConsentRecord record = Fixtures.validRecord();
    record.getVaccination().setLotExpiry(LocalDate.parse("2020-01-01"));
    record.setOccurredAt(Instant.parse("2026-11-21T00:00:00Z"));

    assertThat(ConsentValidator.reasonCodes(validator.checkRecord(record)))
        .isEqualTo("OCCURRED_AFTER_RECEIVED,LOT_EXPIRED");
  }

  private static org.assertj.core.groups.Tuple tuple(ReasonCode code, String field) {
    return org.assertj.core.groups.Tuple.tuple(code.name(), field);
  }

  private static List<String> codes(List<Finding> findings) {
    return findings.stream().map(Finding::getCode).toList();
  }
}
