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
import org.qianhe.model.validation.ReasonCode;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

class DecodeConsentTest {

  private OneInputStreamOperatorTestHarness<RawConsent, DecodedConsent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new DecodeConsent());
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void decodesAndKeepsTheOriginalBytes() throws Exception {
    ConsentRecord record = new TestConsents(3, Instant.parse("2025-03-10T02:00:00Z")).valid();
    RawConsent raw = TestConsents.raw(record);

    harness.processElement(raw, 1);

    assertThat(harness.extractOutputValues()).singleElement().satisfies(decoded -> {
      assertThat(decoded.record()).isEqualTo(record);
      assertThat(decoded.consentId()).isEqualTo(record.getConsentId());
      assertThat(decoded.value()).isEqualTo(raw.value());
    });
    assertThat(harness.getSideOutput(DecodeConsent.UNDECODABLE)).isNull();
  }

  @Test
  void undecodableBytesAreQuarantinedAsTheyCame() throws Exception {
    RawConsent raw = new RawConsent("key-1", TestConsents.garbage());

    harness.processElement(raw, 1);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(undecodable()).singleElement().satisfies(q -> {
      assertThat(q.key()).isEqualTo("key-1");
      assertThat(q.value()).isEqualTo(TestConsents.garbage());
      assertThat(q.reasons()).isEqualTo(ReasonCode.UNDECODABLE.name());
    });
  }

  @Test
  void missingKeyAndValueAreQuarantinedToo() throws Exception {
    harness.processElement(new RawConsent(null, null), 1);

    assertThat(undecodable()).singleElement().satisfies(q -> {
      assertThat(q.key()).isNull();
      assertThat(q.value()).isNull();
      assertThat(q.reasons()).isEqualTo(ReasonCode.UNDECODABLE.name());
    });
  }

  @Test
  void theReplayMarkerIsKept() throws Exception {
    ConsentRecord record = new TestConsents(3, Instant.parse("2025-03-10T02:00:00Z")).valid();
    RawConsent raw = TestConsents.raw(record);

    harness.processElement(new RawConsent(raw.key(), raw.value(), "INDEX_REFUSED"), 1);

    assertThat(harness.extractOutputValues()).singleElement()
        .satisfies(decoded -> assertThat(decoded.replayReasons()).isEqualTo("INDEX_REFUSED"));
  }

  private List<QuarantinedConsent> undecodable() {
    return harness.getSideOutput(DecodeConsent.UNDECODABLE).stream().map(StreamRecord::getValue).toList();
  }
}
