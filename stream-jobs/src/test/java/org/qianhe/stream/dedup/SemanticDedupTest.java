package org.qianhe.stream.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Decision;
import org.qianhe.model.Source;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.IndexAction;

/** One test per semantic deduplication case, on the operator with Flink's keyed test harness. */
class SemanticDedupTest {

  private static final Duration TTL = Duration.ofDays(180);
  private static final Instant NOON = Instant.parse("2025-03-10T04:00:00Z"); // 12:00 in the clinics' zone

  private final TestConsents consents = new TestConsents(21, NOON.plus(Duration.ofHours(2)));
  private KeyedOneInputStreamOperatorTestHarness<String, DecodedConsent, IndexAction> harness;

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void theSameVaccinationUnderAnotherConsentIdIsADuplicateOfTheFirst() throws Exception {
    open("*=0 d");
    ConsentRecord first = vaccination();
    ConsentRecord again = TestConsents.sameVaccinationAgain(first);

    process(first, again);

    assertThat(kept()).containsExactly(first.getConsentId());
    assertThat(duplicates()).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo(again.getConsentId());
      assertThat(d.duplicateOf()).isEqualTo(first.getConsentId());
      assertThat(d.value()).isEqualTo(ConsentRecordCodec.encode(again));
    });
    // an attempt that failed before its checkpoint may have indexed the duplicate as kept: it must go
    assertThat(removed()).containsExactly(again.getConsentId());
  }

  @Test
  void theSameDoseOnAnotherDayIsNotADuplicateWithTheSameDayWindow() throws Exception {
    open("*=0 d");
    ConsentRecord first = vaccination();
    ConsentRecord nextDay = TestConsents.sameVaccinationAgain(first);
    nextDay.setOccurredAt(first.getOccurredAt().plus(Duration.ofDays(1)));

    process(first, nextDay);

    assertThat(kept()).containsExactly(first.getConsentId(), nextDay.getConsentId());
    assertThat(duplicates()).isEmpty();
  }

  @Test
  void aFamilyWindowOfDaysCatchesTheSameDoseRecordedOnANeighbouringDay() throws Exception {
    ConsentRecord first = vaccination();
    String family = CodeListsForTests.family(first);
    open("*=0 d," + family + "=2 d");
    ConsentRecord twoDaysEarlier = TestConsents.sameVaccinationAgain(first);
    twoDaysEarlier.setOccurredAt(first.getOccurredAt().minus(Duration.ofDays(2)));
    ConsentRecord threeDaysLater = TestConsents.sameVaccinationAgain(first);
    threeDaysLater.setOccurredAt(first.getOccurredAt().plus(Duration.ofDays(3)));

    process(first, twoDaysEarlier, threeDaysLater);

    assertThat(kept()).containsExactly(first.getConsentId(), threeDaysLater.getConsentId());
    assertThat(duplicates()).extracting(DuplicateConsent::key).containsExactly(twoDaysEarlier.getConsentId());
  }

  @Test
  void rabiesPostExposureDosesDaysApartAreNeverMergedEvenWithAWideWindow() throws Exception {
    open("*=7 d");
    ConsentRecord day0 = rabies(vaccination(), 1);
    // the next injection of the series, recorded with the same dose number by mistake
    ConsentRecord day3 = TestConsents.sameVaccinationAgain(day0);
    day3.setOccurredAt(day0.getOccurredAt().plus(Duration.ofDays(3)));
    // the day-0 injection recorded twice, the second time on the next day's list
    ConsentRecord day0Again = TestConsents.sameVaccinationAgain(day0);
    day0Again.setOccurredAt(day0.getOccurredAt().plus(Duration.ofDays(1)));

    process(day0, day3, day0Again);

    assertThat(kept()).containsExactly(day0.getConsentId(), day3.getConsentId());
    assertThat(duplicates()).extracting(DuplicateConsent::key).containsExactly(day0Again.getConsentId());
  }

  @Test
  void twinsVaccinatedTogetherAreTwoVaccinations() throws Exception {
    open("*=0 d");
    ConsentRecord first = vaccination();
    ConsentRecord twin = TestConsents.sameVaccinationAgain(first);
    twin.getChild().setKey(consents.valid().getChild().getKey()); // another child: another ID, another key
    twin.getChild().setNameMasked(first.getChild().getNameMasked());

    process(first, twin);

    assertThat(kept()).containsExactly(first.getConsentId(), twin.getConsentId());
  }

  @Test
  void aDeclineAndALaterConsentOnTheSameDayAreBothKept() throws Exception {
    open("*=0 d");
    ConsentRecord declined = vaccination();
    declined.setDecision(Decision.DECLINED);
    ConsentRecord consented = TestConsents.sameVaccinationAgain(declined);
    consented.setDecision(Decision.CONSENTED);

    process(declined, consented);

    assertThat(kept()).containsExactly(declined.getConsentId(), consented.getConsentId());
  }

  @Test
  void vaccinesGivenTogetherAreNotDuplicates() throws Exception {
    open("*=0 d");
    ConsentRecord first = vaccination();
    ConsentRecord other = TestConsents.sameVaccinationAgain(first);
    other.getVaccination().setVaccineCode(first.getVaccination().getVaccineCode().equals("MMR") ? "JE-L" : "MMR");

    process(first, other);

    assertThat(kept()).containsExactly(first.getConsentId(), other.getConsentId());
  }

  @Test
  void aTypoInTheLotNumberDoesNotMakeASecondVaccination() throws Exception {
    open("*=0 d");
    ConsentRecord first = vaccination();
    ConsentRecord typo = TestConsents.sameVaccinationAgain(first);
    typo.getVaccination().setLotNumber(first.getVaccination().getLotNumber().replace('0', 'O'));

    process(first, typo);

    assertThat(duplicates()).extracting(DuplicateConsent::duplicateOf).containsExactly(first.getConsentId());
  }

  @Test
  void aPaperScanOfAVaccinationTheTerminalRecordedIsLinkedToIt() throws Exception {
    open("*=0 d");
    ConsentRecord terminal = vaccination();
    ConsentRecord paper = TestConsents.asPaper(terminal);

    process(terminal, paper);

    assertThat(kept()).containsExactly(terminal.getConsentId());
    assertThat(duplicates()).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo(paper.getConsentId());
      assertThat(d.duplicateOf()).isEqualTo(terminal.getConsentId());
    });
  }

  @Test
  void theTerminalRecordWinsOverAPaperScanThatCameFirst() throws Exception {
    open("*=0 d");
    ConsentRecord terminal = vaccination();
    ConsentRecord paper = TestConsents.asPaper(terminal);
    ConsentRecord laterPaperCopy = TestConsents.asPaper(terminal);

    process(paper, terminal, laterPaperCopy);

    List<ConsentRecord> out = keptRecords().stream().map(DecodedConsent::record).toList();
    assertThat(out).extracting(ConsentRecord::getConsentId)
        .containsExactly(paper.getConsentId(), terminal.getConsentId(), paper.getConsentId());
    // the paper record is re-issued, linked to the terminal record, for the index and staging to overwrite
    assertThat(out.get(2).getSource()).isEqualTo(Source.PAPER_SCAN);
    assertThat(out.get(2).getProcessing().getDuplicateOf()).isEqualTo(terminal.getConsentId());
    assertThat(keptRecords().get(2).value()).isEqualTo(ConsentRecordCodec.encode(paper));
    assertThat(out.get(1).getProcessing().getDuplicateOf()).isNull();
    // from then on the terminal record is the one kept
    assertThat(duplicates()).extracting(DuplicateConsent::duplicateOf).containsExactly(terminal.getConsentId());
  }

  @Test
  void theKeptRecordArrivingAgainIsADuplicateOfItself() throws Exception {
    open("*=0 d");
    ConsentRecord first = vaccination();

    process(first, first);

    assertThat(kept()).containsExactly(first.getConsentId());
    assertThat(duplicates()).extracting(DuplicateConsent::duplicateOf).containsExactly(first.getConsentId());
    // its document is the kept one's: never removed
    assertThat(removed()).isEmpty();
  }

  @Test
  void stateIsKeptPerVaccinationDayWithItsTimeToLive() throws Exception {
    open("*=0 d");
    process(vaccination(), vaccination());

    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    StateTtlConfig ttl = SemanticDedup.keptDescriptor(TTL).getTtlConfig();
    assertThat(ttl.getTimeToLive()).isEqualTo(TTL);
    assertThat(ttl.getUpdateType()).isEqualTo(StateTtlConfig.UpdateType.OnCreateAndWrite);
    assertThat(ttl.getCleanupStrategies().getRocksdbCompactFilterCleanupStrategy()).isNotNull();
  }

  private void open(String windows) throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new SemanticDedup(TTL, DedupWindows.parse(windows))),
        consent -> SemanticKey.of(consent.record()), Types.STRING);
    harness.open();
  }

  /** A valid consent at noon, so that minutes either way stay on the same day. */
  private ConsentRecord vaccination() {
    return consents.validAt("410105", "410105001", NOON);
  }

  private static ConsentRecord rabies(ConsentRecord record, int dose) {
    record.getVaccination().setVaccineCode("RabV");
    record.getVaccination().setDoseNumber(dose);
    return record;
  }

  private void process(ConsentRecord... records) throws Exception {
    long time = 1;
    for (ConsentRecord record : records) {
      byte[] bytes = ConsentRecordCodec.encode(record);
      harness.processElement(new DecodedConsent(record.getConsentId(), bytes, ConsentRecordCodec.decode(bytes)), time++);
    }
  }

  private List<DecodedConsent> keptRecords() {
    return harness.extractOutputValues().stream().filter(a -> !a.isRemoval()).map(IndexAction::consent).toList();
  }

  private List<String> kept() {
    return keptRecords().stream().map(DecodedConsent::consentId).toList();
  }

  private List<String> removed() {
    return harness.extractOutputValues().stream().filter(IndexAction::isRemoval).map(IndexAction::removeId).toList();
  }

  private List<DuplicateConsent> duplicates() {
    var out = harness.getSideOutput(SemanticDedup.DUPLICATES);
    return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
  }
}
