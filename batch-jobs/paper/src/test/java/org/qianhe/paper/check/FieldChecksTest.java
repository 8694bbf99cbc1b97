package org.qianhe.paper.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.paper.FieldResult;
import org.qianhe.paper.FieldStatus;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.Source;
import org.qianhe.paper.barcode.FormCode;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.read.FieldRead;
import org.qianhe.paper.read.RawPage;
import org.qianhe.paper.read.TickRead;
import org.qianhe.paper.scan.ManifestEntry;

class FieldChecksTest {

  private final FieldChecks checks = new FieldChecks(FormTemplate.standard(), CodeLists.bundled(), PaperConfig.defaults());

  private static final Optional<ManifestEntry> NAMES_KEYED = Optional.of(new ManifestEntry("a.pdf", "B01", 1,
      Map.of("childName", "梁一诺", "guardianName", "黄雨桐")));

  @Test
  void aPerfectReadIsConfirmedFieldByFieldWithItsSources() {
    Map<String, FieldResult> fields = checks.check(PagesForTests.perfect(), NAMES_KEYED);

    assertThat(fields.values()).allMatch(FieldResult::confirmed);
    assertThat(fields.get("childName").confirmedBy()).containsExactly(Source.MANIFEST);
    assertThat(fields.get("formId").confirmedBy()).containsExactly(Source.BARCODE);
    assertThat(fields.get("childId").confirmedBy()).contains(Source.BARCODE, Source.CHECK_CHARACTER);
    assertThat(fields.get("birthDate").confirmedBy()).containsExactly(Source.CROSS_FIELD);
    assertThat(fields.get("vaccineName").confirmedBy()).containsExactly(Source.CODE_LIST);
    assertThat(fields.get("lotNumber").confirmedBy()).containsExactly(Source.SECOND_READ);
    assertThat(fields.get("bodySite").confirmedBy()).contains(Source.VOCABULARY);
    assertThat(fields.get("decision").confirmedBy()).containsExactly(Source.CLEAR_TICK);
  }

  @Test
  void namesAreNeverConfirmedByOcrAloneEvenWhenTwoReadsAgree() {
    Map<String, FieldResult> fields = checks.check(PagesForTests.perfect(), Optional.empty());

    assertThat(fields.get("childName").status()).isEqualTo(FieldStatus.UNCONFIRMED);
    assertThat(fields.get("guardianName").status()).isEqualTo(FieldStatus.UNCONFIRMED);
    assertThat(fields.get("guardianPhone").status()).isEqualTo(FieldStatus.CONFIRMED);
  }

  @Test
  void whenReadsDisagreeTheCandidateTheManifestNamesIsReportedButStillReviewed() {
    RawPage page = PagesForTests.perfect();
    Map<String, FieldRead> reads = new LinkedHashMap<>(page.fields());
    reads.put("childName", new FieldRead("梁一谤", 0.9, false, false, java.util.List.of("梁一谤", "梁一诺")));
    RawPage disagreeing = new RawPage(page.registration(), page.code(), reads, page.ticks(), true, null);

    FieldResult name = checks.check(disagreeing, NAMES_KEYED).get("childName");

    assertThat(name.value()).isEqualTo("梁一诺");
    assertThat(name.status()).isEqualTo(FieldStatus.DISAGREES);
  }

  @Test
  void aManifestThatAgreesConfirmsAndOneThatDisagreesSendsTheFieldToReview() {
    RawPage page = PagesForTests.perfect();
    ManifestEntry agreeing = new ManifestEntry("a.pdf", "B01", 1, Map.of("lotNumber", "202403B017", "formId", "410105002-000017"));
    ManifestEntry mistyped = new ManifestEntry("a.pdf", "B01", 1, Map.of("lotNumber", "202403B071"));

    assertThat(checks.check(page, Optional.of(agreeing)).get("lotNumber").confirmedBy()).contains(Source.MANIFEST, Source.SECOND_READ);
    assertThat(checks.check(page, Optional.of(mistyped)).get("lotNumber").status()).isEqualTo(FieldStatus.DISAGREES);
  }

  @Test
  void aBarcodeThatSaysOtherwiseIsADisagreement() {
    RawPage page = PagesForTests.perfect();
    RawPage other = new RawPage(page.registration(), Optional.of(new FormCode("410105002-000071", page.fields().get("childId").value())),
        page.fields(), page.ticks(), true, null);

    assertThat(checks.check(other, Optional.empty()).get("formId").status()).isEqualTo(FieldStatus.DISAGREES);
    // and the site code, confirmed by the form id read, still agrees with what was read
    assertThat(checks.check(other, Optional.empty()).get("siteCode").status()).isEqualTo(FieldStatus.CONFIRMED);
  }

  @Test
  void secondReadsThatDisagreeSendTheFieldToReview() {
    RawPage page = PagesForTests.page(PagesForTests.fixChecksum(PagesForTests.VALUES), Map.of("lotNumber", false));

    assertThat(checks.check(page, Optional.empty()).get("lotNumber").status()).isEqualTo(FieldStatus.DISAGREES);
  }

  @Test
  void malformedValuesAreNeverConfirmed() {
    Map<String, String> values = new LinkedHashMap<>(PagesForTests.fixChecksum(PagesForTests.VALUES));
    String id = values.get("childId");
    values.put("childId", id.substring(0, 16) + (id.charAt(16) == '9' ? '8' : '9') + id.charAt(17)); // check character now wrong
    values.put("lotExpiry", "2026-02-30");
    values.put("doseNumber", "27");

    Map<String, FieldResult> fields = checks.check(PagesForTests.page(values, Map.of()), Optional.empty());

    assertThat(fields.get("childId").status()).isEqualTo(FieldStatus.MALFORMED);
    assertThat(fields.get("lotExpiry").status()).isEqualTo(FieldStatus.MALFORMED);
    assertThat(fields.get("doseNumber").status()).isEqualTo(FieldStatus.MALFORMED);
  }

  @Test
  void aVaccineNameThatIsNotTheCodeListsNameForTheCodeDisagrees() {
    Map<String, String> values = new LinkedHashMap<>(PagesForTests.fixChecksum(PagesForTests.VALUES));
    values.put("vaccineName", "卡介苗");

    assertThat(checks.check(PagesForTests.page(values, Map.of()), Optional.empty()).get("vaccineName").status())
        .isEqualTo(FieldStatus.DISAGREES);
  }

  @Test
  void aBirthDateThatIsNotTheOneInTheIdNumberDisagrees() {
    Map<String, String> values = new LinkedHashMap<>(PagesForTests.fixChecksum(PagesForTests.VALUES));
    values.put("birthDate", "2023-04-16");

    assertThat(checks.check(PagesForTests.page(values, Map.of()), Optional.empty()).get("birthDate").status())
        .isEqualTo(FieldStatus.DISAGREES);
  }

  @Test
  void lowConfidenceBlankAndAmbiguousTicksAreNotConfirmed() {
    RawPage page = PagesForTests.perfect();
    Map<String, FieldRead> reads = new LinkedHashMap<>(page.fields());
    reads.put("lotNumber", new FieldRead("202403B017", 0.4, true, false));
    reads.put("route", FieldRead.BLANK);
    Map<String, TickRead> ticks = new LinkedHashMap<>(page.ticks());
    ticks.put("decision", new TickRead("CONSENTED", false, 0.3));
    RawPage doubtful = new RawPage(page.registration(), page.code(), reads, ticks, true, null);

    Map<String, FieldResult> fields = checks.check(doubtful, Optional.empty());

    assertThat(fields.get("lotNumber").status()).isEqualTo(FieldStatus.LOW_CONFIDENCE);
    assertThat(fields.get("route").status()).isEqualTo(FieldStatus.MISSING);
    assertThat(fields.get("decision").status()).isEqualTo(FieldStatus.LOW_CONFIDENCE);
  }

  @Test
  void identityValuesAreNotInAFieldsDescription() {
    FieldResult name = checks.check(PagesForTests.perfect(), Optional.empty()).get("childName");

    assertThat(name.toString()).doesNotContain("梁一诺").contains("sealed");
  }
}
