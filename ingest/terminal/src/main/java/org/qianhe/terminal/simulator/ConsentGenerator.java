package org.qianhe.terminal.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.qianhe.model.ChildIdentity;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Decision;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.GuardianIdentity;
import org.qianhe.model.Notice;
import org.qianhe.model.ScreeningAnswer;
import org.qianhe.model.Sex;
import org.qianhe.model.Vaccination;

/**
 * Builds realistic consent uploads: Henan districts and sites, vaccines of the national
 * immunisation programme with plausible lots and doses, well-formed ID numbers and phones.
 * Seeded, so a test or a benchmark sees the same consents every run.
 */
public final class ConsentGenerator {

  private static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Shanghai");
  private static final List<String> QUESTIONS = List.of("FEVER", "ALLERGY", "IMMUNODEFICIENCY", "RECENT_ILLNESS", "PRIOR_REACTION");

  private static final org.qianhe.model.codes.CodeLists SCHEDULE = org.qianhe.model.codes.CodeLists.bundled();

  private final Random random;
  private final Instant now;
  private final int sitesPerDistrict;
  private int sequence;

  public ConsentGenerator(long seed, Instant now) {
    this(seed, now, 3);
  }

  public ConsentGenerator(long seed, Instant now, int sitesPerDistrict) {
    this.random = new Random(seed);
    this.now = now;
    this.sitesPerDistrict = sitesPerDistrict;
  }

  /** A consent given within the last six hours at a random site. */
  public ConsentUpload next() {
    CodeLists.District district = pick(CodeLists.HENAN_DISTRICTS);
    String siteCode = siteCode(district.code(), 1 + random.nextInt(sitesPerDistrict));
    Instant occurredAt = now.minus(Duration.ofMinutes(random.nextInt(6 * 60)));
    return at(district.code(), siteCode, occurredAt);
  }

  /** A consent at one site and time, for tests that search by site and period. */
  public ConsentUpload at(String regionCode, String siteCode, Instant occurredAt) {
    CodeLists.Vaccine vaccine = pick(CodeLists.VACCINES);
    LocalDate givenOn = occurredAt.atZone(CLINIC_ZONE).toLocalDate();
    LocalDate birth = givenOn.minusDays(30 + random.nextInt(6 * 365));
    Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
    boolean biometric = random.nextInt(10) != 0;
    String consentId = randomUuid().toString();
    String familyName = pick(CodeLists.FAMILY_NAMES);
    Vaccination vaccination = vaccination(vaccine, givenOn); // the first draws after these, as ever
    LocalDate born = oldEnoughFor(vaccination, birth, givenOn);
    return ConsentUpload.newBuilder()
        .setConsentId(consentId)
        .setRegionCode(regionCode)
        .setSiteCode(siteCode)
        .setTerminalId(terminalId(siteCode, 1))
        .setOccurredAt(occurredAt)
        .setVaccination(vaccination)
        .setNotice(notice(vaccine))
        .setScreening(screening())
        .setDecision(decision())
        .setConfirmationMethod(biometric ? ConfirmationMethod.BIOMETRIC : ConfirmationMethod.E_PEN)
        .setBiometricConsent(biometric)
        .setChild(ChildIdentity.newBuilder()
            .setName(familyName + pick(CodeLists.GIVEN_NAMES))
            .setIdNumber(CitizenIds.of(regionCode, born, ++sequence))
            .setBirthDate(born)
            .setSex(sex)
            .build())
        .setGuardian(GuardianIdentity.newBuilder()
            .setName(pick(CodeLists.FAMILY_NAMES) + pick(CodeLists.GIVEN_NAMES))
            .setIdNumber(CitizenIds.of(regionCode, born.minusYears(22 + random.nextInt(20)), ++sequence))
            .setPhone("1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000)))
            .setRelation(pick(CodeLists.RELATIONS))
            .build())
        .setEvidence(evidence(consentId, biometric))
        .build();
  }

  /**
   * The birth date, moved back (without drawing from the seeded sequence) when the child would be
   * too young for the dose by the schedule of the model's vaccine code list: clinics give doses on
   * schedule, and the stream job flags those that cannot have been.
   */
  private static LocalDate oldEnoughFor(Vaccination vaccination, LocalDate birth, LocalDate givenOn) {
    int minAgeMonths = SCHEDULE.vaccines().find(vaccination.getVaccineCode())
        .filter(v -> v.hasDose(vaccination.getDoseNumber()))
        .map(v -> v.dose(vaccination.getDoseNumber()).minAgeMonths())
        .orElse(0);
    LocalDate oldestInMonth = birth.withDayOfMonth(1);
    if (minAgeMonths == 0 || !givenOn.isBefore(oldestInMonth.plusMonths(minAgeMonths))) {
      return birth;
    }
    return givenOn.minusMonths(minAgeMonths + 1L).withDayOfMonth(1 + (int) Math.floorMod(birth.toEpochDay(), 28L));
  }

  public static String siteCode(String regionCode, int site) {
    return regionCode + String.format("%03d", site);
  }

  public static String terminalId(String siteCode, int terminal) {
    return "T" + siteCode + String.format("%02d", terminal);
  }

  /** Every site the generator may use, so a demo can register their terminals. */
  public List<String> allSiteCodes() {
    List<String> sites = new ArrayList<>();
    for (CodeLists.District district : CodeLists.HENAN_DISTRICTS) {
      for (int site = 1; site <= sitesPerDistrict; site++) {
        sites.add(siteCode(district.code(), site));
      }
    }
    return sites;
  }

  private Vaccination vaccination(CodeLists.Vaccine vaccine, LocalDate givenOn) {
    // Lots are named by production month and batch, and expire 12 to 36 months after production.
    LocalDate produced = givenOn.minusMonths(1 + random.nextInt(10)).withDayOfMonth(1);
    return Vaccination.newBuilder()
        .setVaccineCode(vaccine.code())
        .setVaccineName(vaccine.name())
        .setManufacturer(pick(vaccine.manufacturers()))
        .setLotNumber(String.format("%d%02d%s%03d", produced.getYear(), produced.getMonthValue(),
            (char) ('A' + random.nextInt(4)), 1 + random.nextInt(40)))
        .setLotExpiry(produced.plusMonths(12 + random.nextInt(25)))
        .setDoseNumber(1 + random.nextInt(vaccine.doses()))
        .setRoute(vaccine.route())
        .setBodySite(vaccine.bodySite())
        .build();
  }

  private static Notice notice(CodeLists.Vaccine vaccine) {
    String text = "国家免疫规划疫苗接种知情告知书：" + vaccine.name() + "（2025年版）";
    return Notice.newBuilder().setTemplateId("NIP-" + vaccine.code()).setVersion("2025.1")
        .setDigest(sha256(text.getBytes(StandardCharsets.UTF_8))).build();
  }

  private List<ScreeningAnswer> screening() {
    List<ScreeningAnswer> answers = new ArrayList<>();
    for (String question : QUESTIONS) {
      answers.add(ScreeningAnswer.newBuilder().setQuestionCode(question).setAnswer(random.nextInt(50) == 0).build());
    }
    return answers;
  }

  private Decision decision() {
    int roll = random.nextInt(100);
    return roll < 92 ? Decision.CONSENTED : roll < 97 ? Decision.DECLINED : Decision.DEFERRED;
  }

  private static List<EvidenceRef> evidence(String consentId, boolean biometric) {
    List<EvidenceRef> refs = new ArrayList<>();
    if (biometric) {
      refs.add(ref(EvidenceKind.FINGERPRINT, consentId, "application/x-iso19794-2", 1024));
      refs.add(ref(EvidenceKind.PHOTO, consentId, "image/jpeg", 50_000));
    } else {
      refs.add(ref(EvidenceKind.SIGNATURE, consentId, "image/png", 8_000));
    }
    return refs;
  }

  private static EvidenceRef ref(EvidenceKind kind, String consentId, String mediaType, long size) {
    String digest = sha256((consentId + "/" + kind).getBytes(StandardCharsets.UTF_8));
    return EvidenceRef.newBuilder().setKind(kind).setEvidenceId(digest.substring(0, 32))
        .setDigest(digest).setMediaType(mediaType).setSizeBytes(size).build();
  }

  /**
   * A version-4 UUID from the seeded generator, as a terminal would choose one. Salted with the
   * generator's {@code now}: consents generated for another moment have other occurredAt values, so
   * they are other consents and need other ids (ingest refuses a known consentId with new content);
   * the same seed and the same {@code now} still give the same ids.
   */
  private UUID randomUuid() {
    long salt = now.toEpochMilli() * 0x9E3779B97F4A7C15L;
    long high = ((random.nextLong() ^ salt) & ~0xF000L) | 0x4000L;
    long low = ((random.nextLong() ^ Long.rotateLeft(salt, 29)) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
