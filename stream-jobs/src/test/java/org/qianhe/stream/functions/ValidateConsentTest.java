package org.qianhe.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Finding;
import org.qianhe.model.ValidationStatus;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.QuarantinedConsent;

class ValidateConsentTest {

  private final TestConsents consents = new TestConsents(7, Instant.parse("2025-03-10T02:00:00Z"));
  private OneInputStreamOperatorTestHarness<DecodedConsent, DecodedConsent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new ValidateConsent(TestConsents.CLOCK_SKEW));
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void validRecordPassesMarkedValid() throws Exception {
    ConsentRecord record = consents.valid();

    harness.processElement(decoded(record), 1);

    assertThat(harness.extractOutputValues()).singleElement().satisfies(out -> {
      assertThat(out.consentId()).isEqualTo(record.getConsentId());
      assertThat(out.record().getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.VALID);
      assertThat(out.record().getProcessing().getFindings()).isEmpty();
      // the original bytes travel on, for a quarantine or duplicate further down
      assertThat(out.value()).isEqualTo(ConsentRecordCodec.encode(record));
    });
    assertThat(harness.getSideOutput(ValidateConsent.INVALID)).isNull();
  }

  @Test
  void warningsPassWithTheirFindingsKept() throws Exception {
    harness.processElement(decoded(consents.lateUpload()), 1);

    assertThat(harness.extractOutputValues()).singleElement().satisfies(out -> {
      assertThat(out.record().getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.WARNING);
      assertThat(out.record().getProcessing().getFindings()).extracting(Finding::getCode).containsExactly("LATE_UPLOAD");
    });
  }

  @Test
  void expiredLotIsQuarantinedWithItsOriginalBytes() throws Exception {
    ConsentRecord record = consents.lotExpired();
    DecodedConsent consent = decoded(record);

    harness.processElement(consent, 1);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(quarantined()).singleElement().satisfies(q -> {
      assertThat(q.reasons()).isEqualTo("LOT_EXPIRED");
      assertThat(q.key()).isEqualTo(record.getConsentId());
      assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(record));
    });
  }

  @Test
  void occurredFarAfterReceivedIsQuarantined() throws Exception {
    harness.processElement(decoded(consents.occurredAfterReceived()), 1);

    assertThat(quarantined()).extracting(QuarantinedConsent::reasons).containsExactly("OCCURRED_AFTER_RECEIVED");
  }

  @Test
  void everyErrorIsNamedCommaSeparated() throws Exception {
    ConsentRecord record = consents.lotExpired();
    record.setRegionCode("not-a-region");
    record.getNotice().setDigest("ABC");

    harness.processElement(decoded(record), 1);

    assertThat(quarantined()).extracting(QuarantinedConsent::reasons)
        .containsExactly("REGION_CODE_FORMAT,DIGEST_FORMAT,LOT_EXPIRED");
  }

  @Test
  void errorsWinOverWarnings() throws Exception {
    ConsentRecord record = consents.lateUpload();
    record.getVaccination().setDoseNumber(0);

    harness.processElement(decoded(record), 1);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(quarantined()).extracting(QuarantinedConsent::reasons).containsExactly("DOSE_NUMBER_RANGE,LATE_UPLOAD");
  }

  @Test
  void theInputRecordIsNotChanged() throws Exception {
    DecodedConsent consent = decoded(consents.lateUpload());

    harness.processElement(consent, 1);

    assertThat(consent.record().getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.UNCHECKED);
  }

  @Test
  void aRecordTheRulesCannotEvaluateIsQuarantinedNotCrashingTheJob() throws Exception {
    ConsentRecord record = consents.valid();
    DecodedConsent consent = decoded(record);
    consent.record().setRegionCode(null); // no decoded record has a null here; the validator would throw

    harness.processElement(consent, 1);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(quarantined()).singleElement().satisfies(q -> {
      assertThat(q.reasons()).isEqualTo("VALIDATION_FAILED");
      assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(record));
    });
  }

  @Test
  void theReplayMarkerTravelsOn() throws Exception {
    ConsentRecord record = consents.valid();
    byte[] bytes = ConsentRecordCodec.encode(record);

    harness.processElement(new DecodedConsent(record.getConsentId(), bytes, ConsentRecordCodec.decode(bytes), "LOT_EXPIRED"), 1);

    assertThat(harness.extractOutputValues()).singleElement()
        .satisfies(out -> assertThat(out.replayReasons()).isEqualTo("LOT_EXPIRED"));
  }

  private List<QuarantinedConsent> quarantined() {
    return harness.getSideOutput(ValidateConsent.INVALID).stream().map(StreamRecord::getValue).toList();
  }

  private static DecodedConsent decoded(ConsentRecord record) {
    byte[] bytes = ConsentRecordCodec.encode(record);
    return new DecodedConsent(record.getConsentId(), bytes, ConsentRecordCodec.decode(bytes));
  }
}
