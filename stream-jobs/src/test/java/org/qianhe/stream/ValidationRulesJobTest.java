package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Decision;
import org.qianhe.model.Finding;
import org.qianhe.model.ValidationStatus;
import org.qianhe.model.codes.NoticeCatalogue;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

/**
 * Every validation rule through the whole job on a MiniCluster: one consent breaking each rule, run
 * together, and one test per rule showing the reason code it produces and where the consent went
 * (ERROR: quarantine with its original bytes; WARNING: staged and flagged). The citizen ID's check
 * character is a FORMAT rule of the upload (the ID never reaches a record): ingest refuses it, see
 * model's ReferenceRulesTest. VALIDATION_FAILED cannot be produced by decodable bytes: ValidateConsentTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationRulesJobTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  enum Outcome { QUARANTINED, STAGED_WITH_WARNING, STAGED_VALID }

  /** A rule, how to break it, the code expected and where the record must end. */
  record Rule(String code, Outcome outcome, Function<TestConsents, RawConsent> breakIt) {
    @Override
    public String toString() {
      return code + " → " + outcome;
    }
  }

  private static final Instant NOW = Instant.parse("2025-03-10T02:00:00Z");

  private final TestConsents consents = new TestConsents(51, NOW);
  private final InMemoryIndex index = new InMemoryIndex();
  private final CollectingSink<ConsentRecord> staging = new CollectingSink<>();
  private final CollectingSink<QuarantinedConsent> quarantine = new CollectingSink<>();
  private final CollectingSink<DuplicateConsent> duplicates = new CollectingSink<>();
  private final Map<String, RawConsent> sent = new java.util.LinkedHashMap<>();

  static Stream<Rule> rules() {
    return Stream.of(
        error("CONSENT_ID_FORMAT", r -> r.setConsentId("consent-42")),
        error("REGION_CODE_FORMAT", r -> r.setRegionCode("41")),
        error("FIELD_BLANK", r -> r.setSiteCode(" ")),
        error("DOSE_NUMBER_RANGE", r -> r.getVaccination().setDoseNumber(0)),
        error("DIGEST_FORMAT", r -> r.getNotice().setDigest("ABC")),
        error("REGION_CODE_UNKNOWN", r -> r.setRegionCode("410199")),
        error("VACCINE_UNKNOWN", r -> {
          r.getVaccination().setVaccineCode("XYZ");
          r.getNotice().setTemplateId("NIP-XYZ");
        }),
        error("DOSE_NOT_IN_SCHEDULE", r -> r.getVaccination().setDoseNumber(9)),
        error("NOTICE_UNKNOWN", r -> r.getNotice().setVersion("2019.1")),
        error("NOTICE_VACCINE_MISMATCH", r -> {
          String other = r.getVaccination().getVaccineCode().equals("BCG") ? "HepB" : "BCG";
          r.getNotice().setTemplateId("NIP-" + other);
          r.getNotice().setDigest(NoticeCatalogue.sha256Hex(
              "国家免疫规划疫苗接种知情告知书：" + (other.equals("BCG") ? "卡介苗" : "乙型肝炎疫苗") + "（2025年版）"));
        }),
        error("NOTICE_DIGEST_MISMATCH", r -> r.getNotice().setDigest(NoticeCatalogue.sha256Hex("another text"))),
        error("OCCURRED_AFTER_RECEIVED", r -> r.setOccurredAt(r.getReceivedAt().plus(Duration.ofDays(1)))),
        error("BORN_AFTER_VACCINATION", r -> r.getChild().setBirthYearMonth(
            YearMonth.from(r.getOccurredAt().atZone(ConsentValidator.CLINIC_ZONE)).plusMonths(2).toString())),
        error("LOT_EXPIRED", r -> r.getVaccination().setLotExpiry(
            r.getOccurredAt().atZone(ConsentValidator.CLINIC_ZONE).toLocalDate().minusDays(1))),
        error("EVIDENCE_MISSING", r -> {
          r.setDecision(Decision.CONSENTED);
          r.setEvidence(new ArrayList<>());
        }),
        error("INDEX_REFUSED", r -> r.setSiteCode(InMemoryIndex.REFUSED_SITE)),
        new Rule("UNDECODABLE", Outcome.QUARANTINED, c -> new RawConsent("garbage-key", TestConsents.garbage())),
        warning("REGION_CODE_UNVERIFIED", r -> r.setRegionCode("110105")),
        warning("VACCINE_NAME_MISMATCH", r -> r.getVaccination().setVaccineName("某疫苗")),
        warning("DOSE_BEFORE_SCHEDULED_AGE", r -> {
          r.getVaccination().setVaccineCode("DTaP");
          r.getVaccination().setVaccineName("吸附无细胞百白破联合疫苗");
          r.getVaccination().setDoseNumber(4); // scheduled at 18 months
          r.getNotice().setTemplateId("NIP-DTaP");
          r.getNotice().setDigest(NoticeCatalogue.sha256Hex("国家免疫规划疫苗接种知情告知书：吸附无细胞百白破联合疫苗（2025年版）"));
          r.getChild().setBirthYearMonth(
              YearMonth.from(r.getOccurredAt().atZone(ConsentValidator.CLINIC_ZONE)).minusMonths(6).toString());
        }),
        warning("LATE_UPLOAD", r -> r.setReceivedAt(r.getOccurredAt().plus(Duration.ofDays(8)))),
        new Rule("DECLINED_KEPT", Outcome.STAGED_VALID, c -> {
          ConsentRecord r = c.valid();
          r.setDecision(Decision.DECLINED);
          r.setEvidence(new ArrayList<>());
          return TestConsents.raw(r);
        }));
  }

  @BeforeAll
  void runOneConsentPerRuleThroughTheJob() throws Exception {
    rules().forEach(rule -> sent.put(rule.code(), rule.breakIt().apply(consents)));
    List<RawConsent> input = new ArrayList<>(sent.values());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    StreamJobConfig config = TestJobs.config(Map.of());
    ConsentValidationJob.configure(env, config);
    TypeInformation<RawConsent> type = TypeInformation.of(RawConsent.class);
    new ConsentValidationJob(new DataGeneratorSource<>(
        new FromElementsGeneratorFunction<>(type, input.toArray(RawConsent[]::new)), input.size(), type),
        index, staging, quarantine, duplicates, config).build(env);
    env.execute("validation-rules-test");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleNamesItsReasonCode(Rule rule) {
    RawConsent consent = sent.get(rule.code());
    switch (rule.outcome()) {
      case QUARANTINED -> {
        assertThat(quarantine.values()).filteredOn(q -> q.key().equals(consent.key())).singleElement()
            .satisfies(q -> {
              assertThat(q.reasons().split(",")).contains(rule.code());
              assertThat(q.value()).isEqualTo(consent.value());
            });
        assertThat(staging.values()).noneMatch(r -> r.getConsentId().equals(consent.key()));
      }
      case STAGED_WITH_WARNING -> assertThat(staging.values())
          .filteredOn(r -> r.getConsentId().equals(consent.key())).singleElement().satisfies(r -> {
            assertThat(r.getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.WARNING);
            assertThat(r.getProcessing().getFindings()).extracting(Finding::getCode).containsExactly(rule.code());
            assertThat(index.documents()).containsKey(r.getConsentId());
          });
      case STAGED_VALID -> assertThat(staging.values())
          .filteredOn(r -> r.getConsentId().equals(consent.key())).singleElement()
          .satisfies(r -> assertThat(r.getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.VALID));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void theOnlyErrorOfEachBrokenConsentIsItsRule(Rule rule) {
    // each case breaks one rule only, so its reason list is that rule (VACCINE_UNKNOWN also orphans its notice)
    RawConsent consent = sent.get(rule.code());
    quarantine.values().stream().filter(q -> q.key().equals(consent.key())).forEach(q ->
        assertThat(q.reasons()).isIn(rule.code(), "VACCINE_UNKNOWN,NOTICE_UNKNOWN"));
    assertThat(staging.values().size() + quarantine.values().size() + duplicates.values().size())
        .isEqualTo(sent.size());
  }

  private static Rule error(String code, java.util.function.Consumer<ConsentRecord> change) {
    return new Rule(code, Outcome.QUARANTINED, consents -> broken(consents, change));
  }

  private static Rule warning(String code, java.util.function.Consumer<ConsentRecord> change) {
    return new Rule(code, Outcome.STAGED_WITH_WARNING, consents -> broken(consents, change));
  }

  private static RawConsent broken(TestConsents consents, java.util.function.Consumer<ConsentRecord> change) {
    ConsentRecord record = consents.valid();
    change.accept(record);
    return new RawConsent(record.getConsentId(), ConsentRecordCodec.encode(record));
  }
}
