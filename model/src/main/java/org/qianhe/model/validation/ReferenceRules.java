package org.qianhe.model.validation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Notice;
import org.qianhe.model.Vaccination;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.model.codes.NoticeTemplate;
import org.qianhe.model.codes.RegionCodes;
import org.qianhe.model.codes.Vaccine;
import org.qianhe.model.validation.ConsentValidator.Findings;

/**
 * The rules that check a record against reference data: region code, vaccine and dose schedule,
 * notice template, version and digest. A field that already failed its format check is not
 * judged again here, so each problem is named once.
 */
final class ReferenceRules {

  private final CodeLists codeLists;

  ReferenceRules(CodeLists codeLists) {
    this.codeLists = codeLists;
  }

  void check(ConsentRecord record, Findings findings) {
    region(record.getRegionCode(), findings);
    Vaccination vaccination = record.getVaccination();
    Optional<Vaccine> vaccine = codeLists.vaccines().find(vaccination.getVaccineCode());
    if (vaccine.isEmpty()) {
      findings.when(!isBlank(vaccination.getVaccineCode()), ReasonCode.VACCINE_UNKNOWN, "vaccination.vaccineCode");
    } else {
      vaccine(vaccine.get(), vaccination, record, findings);
    }
    notice(record.getNotice(), vaccination.getVaccineCode(), findings);
  }

  private void region(String code, Findings findings) {
    if (!ConsentValidator.regionFormatOk(code)) {
      return;
    }
    RegionCodes.Status status = codeLists.regions().status(code);
    findings.when(status == RegionCodes.Status.UNKNOWN, ReasonCode.REGION_CODE_UNKNOWN, "regionCode");
    findings.when(status == RegionCodes.Status.PROVINCE_ONLY, ReasonCode.REGION_CODE_UNVERIFIED, "regionCode");
  }

  private static void vaccine(Vaccine vaccine, Vaccination vaccination, ConsentRecord record, Findings findings) {
    findings.when(!vaccine.name().equals(vaccination.getVaccineName()),
        ReasonCode.VACCINE_NAME_MISMATCH, "vaccination.vaccineName");
    int dose = vaccination.getDoseNumber();
    if (!ConsentValidator.doseRangeOk(dose)) {
      return;
    }
    if (!vaccine.hasDose(dose)) {
      findings.when(true, ReasonCode.DOSE_NOT_IN_SCHEDULE, "vaccination.doseNumber");
      return;
    }
    findings.when(beforeScheduledAge(vaccine.dose(dose).minAgeMonths(), record),
        ReasonCode.DOSE_BEFORE_SCHEDULED_AGE, "vaccination.doseNumber");
  }

  /**
   * The record knows the birth month only; the child is taken as born on its first day, the
   * oldest it can be, so the rule never flags a dose that may have been on time. A dose before
   * the scheduled age is usually to be repeated, but the vaccination and its consent did happen:
   * a warning, and the record is kept for tracing.
   */
  private static boolean beforeScheduledAge(int minAgeMonths, ConsentRecord record) {
    if (minAgeMonths == 0) {
      return false;
    }
    LocalDate givenOn = record.getOccurredAt().atZone(ConsentValidator.CLINIC_ZONE).toLocalDate();
    try {
      YearMonth birthMonth = YearMonth.parse(record.getChild().getBirthYearMonth());
      if (birthMonth.isAfter(YearMonth.from(givenOn))) {
        return false; // BORN_AFTER_VACCINATION names that
      }
      return givenOn.isBefore(birthMonth.atDay(1).plusMonths(minAgeMonths));
    } catch (DateTimeParseException e) {
      return false; // BORN_AFTER_VACCINATION already names an unreadable birth month
    }
  }

  private void notice(Notice notice, String vaccineCode, Findings findings) {
    Optional<NoticeTemplate> template = codeLists.notices().find(notice.getTemplateId(), notice.getVersion());
    if (template.isEmpty()) {
      findings.when(true, ReasonCode.NOTICE_UNKNOWN, "notice.templateId");
      return;
    }
    findings.when(!template.get().vaccineCode().equals(vaccineCode),
        ReasonCode.NOTICE_VACCINE_MISMATCH, "notice.templateId");
    findings.when(ConsentValidator.digestFormatOk(notice.getDigest())
            && !template.get().digest().equals(notice.getDigest()),
        ReasonCode.NOTICE_DIGEST_MISMATCH, "notice.digest");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
