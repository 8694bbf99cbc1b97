package org.qianhe.stream.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.DuplicateConsent;

class ExactDedupTest {

  private static final Duration TTL = Duration.ofDays(30);

  private final TestConsents consents = new TestConsents(42, Instant.parse("2025-03-10T02:00:00Z"));
  private KeyedOneInputStreamOperatorTestHarness<String, DecodedConsent, DecodedConsent> harness;

  @BeforeEach
  void open() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ExactDedup(TTL)), DecodedConsent::consentId, Types.STRING);
    harness.setStateTtlProcessingTime(0);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void firstOccurrencePassesAndIsRemembered() throws Exception {
    DecodedConsent consent = decoded(consents.valid());

    harness.processElement(consent, 1);

    assertThat(harness.extractOutputValues()).containsExactly(consent);
    assertThat(harness.getSideOutput(ExactDedup.DUPLICATES)).isNull();
    assertThat(seen(consent.consentId())).isTrue();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
  }

  @Test
  void laterOccurrencesGoToDuplicatesWithTheirOriginalBytesAndTheKeptId() throws Exception {
    ConsentRecord record = consents.valid();
    DecodedConsent first = decoded(record);
    DecodedConsent again = decoded(record);

    harness.processElement(first, 1);
    harness.processElement(again, 2);
    harness.processElement(again, 3);

    assertThat(harness.extractOutputValues()).containsExactly(first);
    List<DuplicateConsent> duplicates = harness.getSideOutput(ExactDedup.DUPLICATES).stream()
        .map(StreamRecord::getValue).toList();
    assertThat(duplicates).hasSize(2).allSatisfy(duplicate -> {
      assertThat(duplicate.key()).isEqualTo(record.getConsentId());
      assertThat(duplicate.duplicateOf()).isEqualTo(record.getConsentId());
      assertThat(duplicate.value()).isEqualTo(again.value());
    });
  }

  @Test
  void distinctConsentsAllPass() throws Exception {
    DecodedConsent a = decoded(consents.valid());
    DecodedConsent b = decoded(consents.valid());

    harness.processElement(a, 1);
    harness.processElement(b, 2);

    assertThat(harness.extractOutputValues()).containsExactly(a, b);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  @Test
  void rememberedForTheTimeToLiveFromTheFirstOccurrence() throws Exception {
    ConsentRecord record = consents.valid();

    harness.processElement(decoded(record), 1);
    harness.setStateTtlProcessingTime(TTL.toMillis() - 1);
    harness.processElement(decoded(record), 2);
    harness.setStateTtlProcessingTime(TTL.toMillis() + 1);

    // a duplicate does not extend the key's life: it expires 30 days after the first occurrence
    assertThat(seen(record.getConsentId())).isFalse();
    harness.processElement(decoded(record), 3);
    assertThat(harness.extractOutputValues()).hasSize(2);
    assertThat(harness.getSideOutput(ExactDedup.DUPLICATES)).hasSize(1);
  }

  @Test
  void aReplayOfAConsentTheIndexRefusedIsLetThroughButNoOtherReplay() throws Exception {
    ConsentRecord record = consents.valid();
    byte[] bytes = ConsentRecordCodec.encode(record);
    DecodedConsent first = decoded(record);
    DecodedConsent afterIndexRefusal = new DecodedConsent(record.getConsentId(), bytes, record, "INDEX_REFUSED");
    DecodedConsent afterRuleFix = new DecodedConsent(record.getConsentId(), bytes, record, "LOT_EXPIRED,LATE_UPLOAD");

    harness.processElement(first, 1);
    harness.processElement(afterIndexRefusal, 2);
    harness.processElement(afterRuleFix, 3);

    // a rule-quarantined consent never reached this operator the first time, so its replay is a first occurrence;
    // seen here means it passed validation, and only an index refusal happened after that
    assertThat(harness.extractOutputValues()).containsExactly(first, afterIndexRefusal);
    assertThat(harness.getSideOutput(ExactDedup.DUPLICATES)).hasSize(1);
  }

  @Test
  void stateHasTheConfiguredTimeToLive() {
    StateTtlConfig ttl = ExactDedup.seenDescriptor(TTL).getTtlConfig();

    assertThat(ttl.isEnabled()).isTrue();
    assertThat(ttl.getTimeToLive()).isEqualTo(TTL);
    assertThat(ttl.getUpdateType()).isEqualTo(StateTtlConfig.UpdateType.OnCreateAndWrite);
    assertThat(ttl.getStateVisibility()).isEqualTo(StateTtlConfig.StateVisibility.NeverReturnExpired);
    // RocksDB drops expired entries in its compaction filter, so state does not grow with the archive
    assertThat(ttl.getCleanupStrategies().getRocksdbCompactFilterCleanupStrategy()).isNotNull();
    assertThat(ExactDedup.seenDescriptor(TTL).getName()).isEqualTo("seen");
  }

  private boolean seen(String consentId) throws Exception {
    harness.getOperator().setCurrentKey(consentId);
    ValueStateDescriptor<Boolean> descriptor = ExactDedup.seenDescriptor(TTL);
    ValueState<Boolean> state = harness.getOperator().getKeyedStateBackend()
        .getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    return Boolean.TRUE.equals(state.value());
  }

  private static DecodedConsent decoded(ConsentRecord record) {
    byte[] bytes = ConsentRecordCodec.encode(record);
    return new DecodedConsent(record.getConsentId(), bytes, ConsentRecordCodec.decode(bytes));
  }
}
