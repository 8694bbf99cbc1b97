package org.qianhe.paper.form;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormTemplateTest {

  private final FormTemplate form = FormTemplate.standard();

  @Test
  void theStandardFormHasEveryFieldAConsentRecordNeeds() {
    assertThat(form.fields()).extracting(FieldSpec::name).containsExactly("formId", "childName", "birthDate", "childId",
        "guardianName", "guardianPhone", "vaccineCode", "vaccineName", "manufacturer", "lotNumber", "lotExpiry",
        "doseNumber", "route", "bodySite", "vaccinationDate", "siteCode");
    assertThat(form.checkboxGroups()).extracting(CheckboxGroup::name).contains("sex", "relation", "decision",
        "screening.FEVER", "screening.PRIOR_REACTION");
    assertThat(form.marks()).hasSize(4);
  }

  @Test
  void identityFieldsAreMarkedSoTheyAreNeverPrinted() {
    assertThat(form.fields()).filteredOn(FieldSpec::identity).extracting(FieldSpec::name)
        .containsExactlyInAnyOrder("childName", "childId", "guardianName", "guardianPhone");
  }

  @Test
  void nameWhitelistsAreReadFromTheirResource() {
    assertThat(form.field("childName").whitelist()).contains("王", "梁", "涵", "诺").doesNotContain("#", "@");
  }

  @Test
  void valueBoxesDoNotOverlapEachOtherOrTheRegistrationMarks() {
    for (FieldSpec a : form.fields()) {
      for (FieldSpec b : form.fields()) {
        if (a != b) {
          assertThat(overlap(a.box(), b.box())).as(a.name() + " / " + b.name()).isFalse();
        }
      }
      for (double[] mark : form.marks()) {
        assertThat(overlap(a.box(), new Box(mark[0] - 5, mark[1] - 5, 10, 10))).as(a.name()).isFalse();
      }
    }
  }

  @Test
  void qrFinderCentresAreThreeAndAHalfModulesIn() {
    double module = form.qrModuleMm();
    assertThat(module * (17 + 4 * form.qrVersion())).isEqualTo(form.barcode().w());
    assertThat(form.qrFinderCentres().get(0)).containsExactly(form.barcode().x() + 3.5 * module, form.barcode().y() + 3.5 * module);
  }

  private static boolean overlap(Box a, Box b) {
    return a.x() < b.x() + b.w() && b.x() < a.x() + a.w() && a.y() < b.y() + b.h() && b.y() < a.y() + a.h();
  }
}
