package org.qianhe.stream.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.InMemoryIndex;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.IndexAction;
import org.qianhe.stream.records.QuarantinedConsent;

class IndexConsentsTest {

  private final TestConsents consents = new TestConsents(31, Instant.parse("2025-03-10T02:00:00Z"));
  private final InMemoryIndex index = new InMemoryIndex();
  private OneInputStreamOperatorTestHarness<IndexAction, ConsentRecord> harness;

  @AfterEach
  void close() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void recordsGoOnToStagingOnlyOnceTheIndexHasAcknowledgedThem() throws Exception {
    open(100);
    ConsentRecord a = consents.valid();
    ConsentRecord b = consents.valid();

    process(a, b);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.prepareSnapshotPreBarrier(1);

    assertThat(harness.extractOutputValues()).extracting(ConsentRecord::getConsentId)
        .containsExactly(a.getConsentId(), b.getConsentId());
    assertThat(index.documents()).containsOnlyKeys(a.getConsentId(), b.getConsentId());
  }

  @Test
  void aFullBatchIsSettledWithoutWaitingForTheCheckpoint() throws Exception {
    open(2);

    process(consents.valid(), consents.valid(), consents.valid());

    assertThat(harness.extractOutputValues()).hasSize(2);
    harness.endInput();
    assertThat(harness.extractOutputValues()).hasSize(3);
  }

  @Test
  void aDocumentRefusedForGoodIsQuarantinedWithItsOriginalBytesAndNotStaged() throws Exception {
    open(100);
    ConsentRecord good = consents.valid();
    ConsentRecord refused = consents.valid();
    refused.setSiteCode(InMemoryIndex.REFUSED_SITE);

    process(good, refused);
    harness.prepareSnapshotPreBarrier(1);

    assertThat(harness.extractOutputValues()).extracting(ConsentRecord::getConsentId).containsExactly(good.getConsentId());
    assertThat(refused()).singleElement().satisfies(q -> {
      assertThat(q.key()).isEqualTo(refused.getConsentId());
      assertThat(q.reasons()).isEqualTo("INDEX_REFUSED");
      assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(refused));
    });
  }

  @Test
  void whileTheIndexIsDownRecordsAreHeldAndSentAgainUntilItIsBack() throws Exception {
    open(100);
    ConsentRecord record = consents.valid();
    index.unavailableForFlushes(3);

    process(record);
    harness.prepareSnapshotPreBarrier(1);

    assertThat(harness.extractOutputValues()).extracting(ConsentRecord::getConsentId).containsExactly(record.getConsentId());
    assertThat(index.documents()).containsOnlyKeys(record.getConsentId());
    assertThat(harness.getSideOutput(IndexConsents.REFUSED)).isNull();
  }

  @Test
  void aMissingAliasFailsTheJobInsteadOfQuarantiningEverything() throws Exception {
    open(100);
    ConsentRecord record = consents.valid();
    record.setSiteCode(InMemoryIndex.MISSING_ALIAS_SITE);

    process(record);

    assertThatThrownBy(() -> harness.prepareSnapshotPreBarrier(1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(record.getConsentId())
        .hasMessageContaining("index_not_found_exception");
    assertThat(harness.getSideOutput(IndexConsents.REFUSED)).isNull();
  }

  @Test
  void theDocumentOfAConsentFoundToBeADuplicateIsRemoved() throws Exception {
    open(100);
    ConsentRecord record = consents.valid();
    process(record);
    harness.prepareSnapshotPreBarrier(1);
    assertThat(index.documents()).containsKey(record.getConsentId());

    // after a restart the replay decided otherwise: that consent is now the duplicate
    harness.processElement(new StreamRecord<>(IndexAction.remove(record.getConsentId())));
    harness.processElement(new StreamRecord<>(IndexAction.remove("never-indexed")));
    harness.prepareSnapshotPreBarrier(2);

    assertThat(index.documents()).doesNotContainKey(record.getConsentId());
    assertThat(harness.extractOutputValues()).hasSize(1);
  }

  @Test
  void failuresAreClassifiedByStatusAndType() {
    assertThat(new IndexFailure("a", 400, "document_parsing_exception").kind()).isEqualTo(IndexFailure.Kind.REFUSED);
    assertThat(new IndexFailure("a", 413, "x").kind()).isEqualTo(IndexFailure.Kind.REFUSED);
    assertThat(new IndexFailure("a", -1, "ConnectException").kind()).isEqualTo(IndexFailure.Kind.UNAVAILABLE);
    assertThat(new IndexFailure("a", 429, "es_rejected_execution_exception").kind()).isEqualTo(IndexFailure.Kind.UNAVAILABLE);
    assertThat(new IndexFailure("a", 503, "unavailable_shards_exception").kind()).isEqualTo(IndexFailure.Kind.UNAVAILABLE);
    assertThat(new IndexFailure("a", 403, "cluster_block_exception").kind()).isEqualTo(IndexFailure.Kind.UNAVAILABLE);
    assertThat(new IndexFailure("a", 404, "index_not_found_exception").kind()).isEqualTo(IndexFailure.Kind.MISCONFIGURED);
    assertThat(new IndexFailure("a", 403, "security_exception").kind()).isEqualTo(IndexFailure.Kind.MISCONFIGURED);
  }

  private void open(int maxPending) throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new IndexConsents(index, maxPending, Duration.ofMillis(10)));
    harness.open();
  }

  private void process(ConsentRecord... records) throws Exception {
    for (ConsentRecord record : records) {
      byte[] bytes = ConsentRecordCodec.encode(record);
      harness.processElement(new StreamRecord<>(IndexAction.keep(new DecodedConsent(record.getConsentId(), bytes, record))));
    }
  }

  private List<QuarantinedConsent> refused() {
    return harness.getSideOutput(IndexConsents.REFUSED).stream().map(StreamRecord::getValue).toList();
  }
}
