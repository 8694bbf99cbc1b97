package org.qianhe.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Decision;
import org.qianhe.model.Finding;
import org.qianhe.model.Fixtures;
import org.qianhe.model.Severity;
import org.qianhe.model.codes.NoticeCatalogue;

/** One test per rule against the code lists, each showing its reason code and severity. */
class ReferenceRulesTest {

  private final ConsentValidator validator = new ConsentValidator(Duration.ofMinutes(5));

  @Test
  void regionCodeNotInTheHenanListIsAnError() {
    ConsentRecord record = Fixtures.validRecord();
    record.setRegionCode("410199");

    assertThat(findings(record)).containsExactly(error("REGION_CODE_UNKNOWN", "regionCode"));
  }

  @Test
  void regionCodeOfAProvinceWithoutCountyListIsOnlyAWarning() {
    ConsentRecord record = Fixtures.validRecord();
    record.setRegionCode("110105");

    assertThat(findings(record)).containsExactly(warning("REGION_CODE_UNVERIFIED", "regionCode"));
  }

  @Test
  void unknownVaccineIsAnErrorAndItsScheduleIsNotGuessed() {
    ConsentRecord record = Fixtures.validRecord();
    record.getVaccination().setVaccineCode("XYZ");

    // the DTaP notice no longer matches the vaccine either
    assertThat(findings(record)).containsExactly(
        error("VACCINE_UNKNOWN", "vaccination.vaccineCode"), error("NOTICE_VACCINE_MISMATCH", "notice.templateId"));
  }

  @Test
  void vaccineNameOtherThanTheListedOneIsAWarning() {
    ConsentRecord record = Fixtures.validRecord();
    record.getVaccination().setVaccineName("百白破");

    assertThat(findings(record)).containsExactly(warning("VACCINE_NAME_MISMATCH", "vaccination.vaccineName"));
  }

  @Test
  void doseBeyondTheScheduleIsAnError() {
    ConsentRecord record = Fixtures.validRecord();
    record.getVaccination().setDoseNumber(5); // DTaP has four

    assertThat(findings(record)).containsExactly(error("DOSE_NOT_IN_SCHEDULE", "vaccination.doseNumber"));
  }

  @Test
  void doseBeforeItsScheduledAgeIsAWarning() {
    ConsentRecord record = Fixtures.validRecord();
    // given 2026-11-20: born 2026-08 is at most 3 months and 19 days old; DTaP dose 2 is at 4 months
    record.getChild().setBirthYearMonth("2026-08");
    assertThat(findings(record)).containsExactly(warning("DOSE_BEFORE_SCHEDULED_AGE", "vaccination.doseNumber"));

    // born 2026-07: may be 4 months old on the 20th of November, so the rule does not flag it
    record.getChild().setBirthYearMonth("2026-07");
    assertThat(findings(record)).isEmpty();
  }

  @Test
  void unknownNoticeTemplateOrVersionIsAnError() {
    ConsentRecord record = Fixtures.validRecord();
    record.getNotice().setVersion("2019.1");

    assertThat(findings(record)).containsExactly(error("NOTICE_UNKNOWN", "notice.templateId"));
  }

  @Test
  void noticeForAnotherVaccineIsAnError() {
    ConsentRecord record = Fixtures.validRecord();
    record.getNotice().setTemplateId("NIP-MMR");
    record.getNotice().setDigest(NoticeCatalogue.sha256Hex("国家免疫规划疫苗接种知情告知书：麻腮风联合减毒活疫苗（2025年版）"));

    assertThat(findings(record)).containsExactly(error("NOTICE_VACCINE_MISMATCH", "notice.templateId"));
  }

  @Test
  void noticeDigestOfAnotherTextIsAnError() {
    ConsentRecord record = Fixtures.validRecord();
    record.getNotice().setDigest(NoticeCatalogue.sha256Hex("国家免疫规划疫苗接种知情告知书：吸附无细胞百白破联合疫苗（2024年版）"));

    assertThat(findings(record)).containsExactly(error("NOTICE_DIGEST_MISMATCH", "notice.digest"));
  }

  @Test
  void malformedFieldsAreNamedOnceByTheirFormatRule() {
    ConsentRecord record = Fixtures.validRecord();
    record.setRegionCode("41");
    record.getNotice().setDigest("ABC");
    record.getVaccination().setDoseNumber(0);

    assertThat(validator.checkRecord(record)).extracting(Finding::getCode)
        .containsExactly("REGION_CODE_FORMAT", "DOSE_NUMBER_RANGE", "DIGEST_FORMAT");
  }

  @Test
  void declinedConsentWithoutEvidenceIsKeptValid() {
    ConsentRecord record = Fixtures.validRecord();
    record.setDecision(Decision.DECLINED);
    record.setEvidence(List.of());

    assertThat(findings(record)).isEmpty();
  }

  @Test
  void citizenIdCheckCharacterIsCheckedOnTheUploadAsAFormatRule() {
    ConsentUpload upload = Fixtures.validUpload();
    upload.getChild().setIdNumber("410105202503011239");
    upload.getGuardian().setIdNumber("41010519900101123");

    List<Finding> found = validator.checkUpload(upload);

    assertThat(found).extracting(Finding::getCode, Finding::getField).containsExactly(
        org.assertj.core.groups.Tuple.tuple("ID_NUMBER_CHECK_DIGIT", "child.idNumber"),
        org.assertj.core.groups.Tuple.tuple("ID_NUMBER_FORMAT", "guardian.idNumber"));
    assertThat(ReasonCode.ID_NUMBER_CHECK_DIGIT.stage()).isEqualTo(ReasonCode.Stage.FORMAT);
    assertThat(found).allSatisfy(f -> assertThat(f.toString()).doesNotContain("410105202503011239"));
  }

  @Test
  void theSimulatorsConsentsAreValid() {
    // the shape of ingest/terminal's ConsentGenerator: notice "NIP-" + code, version 2025.1, digest of its title
    ConsentRecord record = Fixtures.validRecord();
    record.getVaccination().setVaccineCode("HepA-L");
    record.getVaccination().setVaccineName("甲型肝炎减毒活疫苗");
    record.getVaccination().setDoseNumber(1);
    record.getNotice().setTemplateId("NIP-HepA-L");
    record.getNotice().setDigest(NoticeCatalogue.sha256Hex("国家免疫规划疫苗接种知情告知书：甲型肝炎减毒活疫苗（2025年版）"));
    record.setRegionCode("411302");
    record.setOccurredAt(Instant.parse("2026-11-20T02:15:00Z"));

    assertThat(findings(record)).isEmpty();
  }

  @Test
  void everyReasonCodeHasAStageASeverityAndADescription() {
    assertThat(ReasonCode.values()).allSatisfy(code -> {
      assertThat(code.stage()).isNotNull();
      assertThat(code.severity()).isNotNull();
      assertThat(code.description()).hasSizeGreaterThan(10);
    });
    assertThat(ReasonCode.of("INDEX_REFUSED")).hasValue(ReasonCode.INDEX_REFUSED);
    assertThat(ReasonCode.INDEX_REFUSED.stage()).isEqualTo(ReasonCode.Stage.PROCESSING);
    assertThat(ReasonCode.UNDECODABLE.severity()).isEqualTo(Severity.ERROR);
    assertThat(ReasonCode.of("NO_SUCH_CODE")).isEmpty();
  }

  private List<org.assertj.core.groups.Tuple> findings(ConsentRecord record) {
    return validator.checkRecord(record).stream()
        .map(f -> org.assertj.core.groups.Tuple.tuple(f.getCode(), f.getSeverity(), f.getField())).toList();
  }

  private static org.assertj.core.groups.Tuple error(String code, String field) {
    return org.assertj.core.groups.Tuple.tuple(code, Severity.ERROR, field);
  }

  private static org.assertj.core.groups.Tuple warning(String code, String field) {
    return org.assertj.core.groups.Tuple.tuple(code, Severity.WARNING, field);
  }
}
