package org.qianhe.paper.check;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.qianhe.model.ChildIdentity;
import org.qianhe.model.ChildRef;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Decision;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.Finding;
import org.qianhe.model.GuardianIdentity;
import org.qianhe.model.GuardianRef;
import org.qianhe.model.Notice;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.Processing;
import org.qianhe.model.ScreeningAnswer;
import org.qianhe.model.SealedIdentity;
import org.qianhe.model.Sex;
import org.qianhe.model.Source;
import org.qianhe.model.Vaccination;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.model.codes.NoticeTemplate;
import org.qianhe.model.people.Masking;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.paper.FieldResult;
import org.qianhe.paper.PageResult;
import org.qianhe.paper.form.FormTemplate;

/**
 * The archive record a paper form makes ({@code source=PAPER_SCAN}), and the model's validation of
 * it, so paper and terminal consents meet the same rules. The consentId is derived from the form
 * id, so reading the same page again (a restarted job) makes the same record, never a second one.
 *
 * <p>What paper does not have: a terminal and its signature, biometrics (the guardian signed by
 * hand: {@code E_PEN}), a time of day (the record takes noon, clinic time, of the vaccination date),
 * and the guardian's ID number (the guardian's blind-index key and masked ID are left empty rather
 * than keyed on nothing, which would link every paper guardian to every other).
 */
public final class PaperRecords {

  private static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalTime NOON = LocalTime.NOON;

  private final FormTemplate form;
  private final CodeLists codeLists;
  private final ConsentValidator validator;

  public PaperRecords(FormTemplate form, CodeLists codeLists, Duration clockSkew) {
    this.form = form;
    this.codeLists = codeLists;
    this.validator = new ConsentValidator(clockSkew, codeLists);
  }

  /** Deterministic: the same form id gives the same consentId (a name-based UUID). */
  public static String consentId(String formId) {
    return UUID.nameUUIDFromBytes(("qianhe-paper-form:" + formId).getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A page's values by field name (after review, the batch job passes corrected values instead). */
  public static Map<String, String> values(PageResult page) {
    return values(page.fields());
  }

  /**
   * The record to archive, identities protected: blind-index keys, masks and the sealed identity.
   *
   * @param evidence references to what the batch job wrote to the evidence store (scan page, signature)
   * @throws IllegalArgumentException when a value is missing or not well formed (a page for review)
   */
  public ConsentRecord toRecord(Map<String, String> values, PaperLineage lineage, Instant receivedAt,
      PeopleProtector people, List<EvidenceRef> evidence) {
    Parsed p = parse(values).orElseThrow(() -> new IllegalArgumentException(
        "the page's values are incomplete or malformed; it needs review before it can be archived"));
    ChildIdentity child = ChildIdentity.newBuilder().setName(p.value("childName")).setIdNumber(p.value("childId"))
        .setBirthDate(p.birthDate).setSex(p.sex).build();
    GuardianIdentity guardian = GuardianIdentity.newBuilder().setName(p.value("guardianName")).setIdNumber("")
        .setPhone(p.value("guardianPhone")).setRelation(p.value("relation")).build();
    GuardianRef guardianRef = GuardianRef.newBuilder(people.guardian(guardian)).setKey("").setIdMasked("").build();
    return record(p, lineage, receivedAt, evidence, people.child(child), guardianRef,
        people.seal(child, guardian, p.consentId));
  }

  /** The model's findings on the record these values make; empty when the values cannot make one (review decides). */
  public List<Finding> validate(Map<String, String> values, PaperLineage lineage, Instant receivedAt, List<EvidenceRef> evidence) {
    Optional<Parsed> parsed = parse(values);
    if (parsed.isEmpty()) {
      return List.of();
    }
    Parsed p = parsed.get();
    ChildRef child = ChildRef.newBuilder().setKey("").setNameMasked(Masking.name(p.value("childName")))
        .setIdMasked(Masking.idNumber(p.value("childId"))).setBirthYearMonth(p.birthDate.toString().substring(0, 7))
        .setSex(p.sex).build();
    GuardianRef guardian = GuardianRef.newBuilder().setKey("").setNameMasked(Masking.name(p.value("guardianName")))
        .setIdMasked("").setPhoneMasked(Masking.phone(p.value("guardianPhone"))).setRelation(p.value("relation")).build();
    SealedIdentity none = SealedIdentity.newBuilder().setKeyId("").setAlgorithm("").setCiphertext(java.nio.ByteBuffer.allocate(0)).build();
    return validator.checkRecord(record(p, lineage, receivedAt, evidence, child, guardian, none));
  }

  private ConsentRecord record(Parsed p, PaperLineage lineage, Instant receivedAt, List<EvidenceRef> evidence,
      ChildRef child, GuardianRef guardian, SealedIdentity sealed) {
    String vaccineCode = p.value("vaccineCode");
    Optional<NoticeTemplate> notice = codeLists.notices().all().stream()
        .filter(n -> n.vaccineCode().equals(vaccineCode) && n.version().equals(form.noticeVersion()))
        .findFirst();
    List<ScreeningAnswer> screening = new ArrayList<>();
    p.values.forEach((name, value) -> {
      if (name.startsWith("screening.")) {
        screening.add(ScreeningAnswer.newBuilder().setQuestionCode(name.substring("screening.".length()))
            .setAnswer("YES".equals(value)).build());
      }
    });
    String site = p.value("siteCode");
    return ConsentRecord.newBuilder()
        .setConsentId(p.consentId)
        .setSource(Source.PAPER_SCAN)
        .setRegionCode(site.substring(0, Math.min(6, site.length())))
        .setSiteCode(site)
        .setTerminalId(null)
        .setOccurredAt(p.vaccinated.atTime(NOON).atZone(CLINIC_ZONE).toInstant())
        .setReceivedAt(receivedAt)
        .setVaccination(Vaccination.newBuilder()
            .setVaccineCode(vaccineCode)
            .setVaccineName(p.value("vaccineName"))
            .setManufacturer(p.value("manufacturer"))
            .setLotNumber(p.value("lotNumber"))
            .setLotExpiry(p.lotExpiry)
            .setDoseNumber(p.dose)
            .setRoute(p.value("route"))
            .setBodySite(p.value("bodySite"))
            .build())
        .setNotice(notice.map(n -> Notice.newBuilder().setTemplateId(n.templateId()).setVersion(n.version())
                .setDigest(n.digest()).build())
            .orElse(Notice.newBuilder().setTemplateId(form.id()).setVersion(form.noticeVersion())
                .setDigest("0".repeat(64)).build()))
        .setScreening(screening)
        .setDecision(p.decision)
        .setConfirmationMethod(ConfirmationMethod.E_PEN)
        .setBiometricConsent(false)
        .setChild(child)
        .setGuardian(guardian)
        .setIdentitySealed(sealed)
        .setEvidence(new ArrayList<>(evidence))
        .setProcessing(Processing.newBuilder().setPaper(lineage).build())
        .build();
  }

  /** The values that are not text, parsed; empty when any is missing or malformed. */
  private Optional<Parsed> parse(Map<String, String> values) {
    try {
      for (String required : List.of("formId", "childName", "childId", "guardianName", "guardianPhone", "vaccineCode",
          "vaccineName", "manufacturer", "lotNumber", "route", "bodySite", "siteCode", "relation")) {
        if (values.getOrDefault(required, "").isBlank()) {
          return Optional.empty();
        }
      }
      return Optional.of(new Parsed(values, consentId(values.get("formId")), LocalDate.parse(values.get("birthDate")),
          LocalDate.parse(values.get("lotExpiry")), LocalDate.parse(values.get("vaccinationDate")),
          Integer.parseInt(values.get("doseNumber")), Sex.valueOf(values.get("sex")),
          Decision.valueOf(values.get("decision"))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private record Parsed(Map<String, String> values, String consentId, LocalDate birthDate, LocalDate lotExpiry,
      LocalDate vaccinated, int dose, Sex sex, Decision decision) {
    String value(String name) {
      return values.get(name);
    }

    @Override
    public String toString() {
      return "Parsed[" + consentId + "]";
    }
  }

  /** Convenience for callers holding field results. */
  public static Map<String, String> values(Map<String, FieldResult> fields) {
    Map<String, String> values = new LinkedHashMap<>();
    fields.forEach((name, field) -> values.put(name, field.value()));
    return values;
  }
}
