package org.qianhe.paper.synth;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.ScreeningAnswer;
import org.qianhe.model.codes.RegionCodes;

/**
 * What one paper form carries: the printed field values and the ticked boxes, by the template's
 * names. Built from a generated terminal consent, so paper and terminal data look alike. Holds
 * identities in clear (synthetic ones): {@link #toString()} shows none.
 *
 * @param fields   printed values by field name
 * @param checks   the ticked option by tick box group name
 * @param siteName the clinic's name, printed and on its stamp
 * @param signed   whether the guardian signed
 */
public record FormData(Map<String, String> fields, Map<String, String> checks, String siteName, boolean signed) {

  private static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Shanghai");

  public FormData {
    fields = Map.copyOf(fields);
    checks = Map.copyOf(checks);
  }

  public static FormData of(ConsentUpload upload, int serial, RegionCodes regions) {
    Map<String, String> f = new LinkedHashMap<>();
    String site = upload.getSiteCode();
    f.put("formId", site + "-" + String.format(Locale.ROOT, "%06d", serial));
    f.put("childName", upload.getChild().getName());
    f.put("birthDate", upload.getChild().getBirthDate().toString());
    f.put("childId", upload.getChild().getIdNumber());
    f.put("guardianName", upload.getGuardian().getName());
    f.put("guardianPhone", upload.getGuardian().getPhone());
    f.put("vaccineCode", upload.getVaccination().getVaccineCode());
    f.put("vaccineName", upload.getVaccination().getVaccineName());
    f.put("manufacturer", upload.getVaccination().getManufacturer());
    f.put("lotNumber", upload.getVaccination().getLotNumber());
    f.put("lotExpiry", upload.getVaccination().getLotExpiry().toString());
    f.put("doseNumber", String.valueOf(upload.getVaccination().getDoseNumber()));
    f.put("route", upload.getVaccination().getRoute());
    f.put("bodySite", upload.getVaccination().getBodySite());
    f.put("vaccinationDate", LocalDate.ofInstant(upload.getOccurredAt(), CLINIC_ZONE).toString());
    f.put("siteCode", site);
    Map<String, String> c = new LinkedHashMap<>();
    c.put("sex", upload.getChild().getSex().name());
    c.put("relation", upload.getGuardian().getRelation());
    for (ScreeningAnswer answer : upload.getScreening()) {
      c.put("screening." + answer.getQuestionCode(), answer.getAnswer() ? "YES" : "NO");
    }
    c.put("decision", upload.getDecision().name());
    String district = regions.name(upload.getRegionCode()).orElse(upload.getRegionCode());
    String siteName = district + "第" + Integer.parseInt(site.substring(site.length() - 3)) + "接种门诊";
    return new FormData(f, c, siteName, true);
  }

  public String field(String name) {
    return fields.get(name);
  }

  public FormData unsigned() {
    return new FormData(fields, checks, siteName, false);
  }

  @Override
  public String toString() {
    return "FormData[formId=" + fields.get("formId") + ", " + fields.size() + " fields, " + checks.size() + " tick groups]";
  }
}
