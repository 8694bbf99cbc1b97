package org.qianhe.paper.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.qianhe.paper.barcode.FormCode;
import org.qianhe.paper.form.FieldSpec;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.image.AffineMap;
import org.qianhe.paper.image.Registration;
import org.qianhe.paper.read.FieldRead;
import org.qianhe.paper.read.RawPage;
import org.qianhe.paper.read.TickRead;

/** A page as if read perfectly, to change one thing at a time. Synthetic identities only. */
final class PagesForTests {

  static final Map<String, String> VALUES = Map.ofEntries(
      Map.entry("formId", "410105002-000017"), Map.entry("childName", "梁一诺"), Map.entry("birthDate", "2023-04-15"),
      Map.entry("childId", "410105202304150012"), Map.entry("guardianName", "黄雨桐"), Map.entry("guardianPhone", "13812345678"),
      Map.entry("vaccineCode", "DTaP"), Map.entry("vaccineName", "吸附无细胞百白破联合疫苗"),
      Map.entry("manufacturer", "武汉生物制品研究所有限责任公司"), Map.entry("lotNumber", "202403B017"),
      Map.entry("lotExpiry", "2026-03-01"), Map.entry("doseNumber", "2"), Map.entry("route", "IM"),
      Map.entry("bodySite", "上臂三角肌"), Map.entry("vaccinationDate", "2024-09-10"), Map.entry("siteCode", "410105002"));

  static final Map<String, String> TICKS = Map.of("sex", "FEMALE", "relation", "MOTHER", "decision", "CONSENTED",
      "screening.FEVER", "NO", "screening.ALLERGY", "NO", "screening.IMMUNODEFICIENCY", "NO",
      "screening.RECENT_ILLNESS", "NO", "screening.PRIOR_REACTION", "NO");

  private PagesForTests() {}

  static Map<String, String> fixChecksum(Map<String, String> values) {
    Map<String, String> out = new LinkedHashMap<>(values);
    String first17 = out.get("childId").substring(0, 17);
    out.put("childId", first17 + org.qianhe.model.validation.CitizenIdNumber.checkCharacter(first17));
    return out;
  }

  static RawPage perfect() {
    return page(fixChecksum(VALUES), Map.of());
  }

  /** Every field read as given, with confidence 0.95; reads of fields named in {@code disagreeing} disagree. */
  static RawPage page(Map<String, String> values, Map<String, Boolean> agreement) {
    FormTemplate form = FormTemplate.standard();
    Map<String, FieldRead> reads = new LinkedHashMap<>();
    for (FieldSpec field : form.fields()) {
      Boolean agreed = field.secondRead() ? agreement.getOrDefault(field.name(), true) : null;
      reads.put(field.name(), new FieldRead(values.get(field.name()), 0.95, agreed, !field.vocabulary().isEmpty()));
    }
    Map<String, TickRead> ticks = new LinkedHashMap<>();
    TICKS.forEach((group, value) -> ticks.put(group, new TickRead(value, true, 0.98)));
    Registration.Result registration = new Registration.Result(new AffineMap(11.8, 0, 0, 0, 11.8, 0),
        Registration.Method.MARKS, 4, 250, 20);
    return new RawPage(Optional.of(registration), Optional.of(new FormCode(values.get("formId"), values.get("childId"))),
        reads, ticks, true, null);
  }
}
