package org.qianhe.stream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.model.kafka.Topics;
import org.qianhe.ops.stack.KafkaBroker;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.stream.CommittedRecords;
import org.qianhe.stream.kafka.ReplayHeaders;

/** The replay command against the real Kafka broker: selection, headers, and once per group. */
@ExtendWith(LocalStackExtension.class)
class QuarantineReplayIT {

  @Test
  void reinjectsTheSelectedConsentsOncePerGroupWithTheirOriginalBytes(KafkaBroker kafka) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String quarantine = "replay-" + run + ".quarantine";
    String raw = "replay-" + run + ".raw";
    kafka.createTopics(2, quarantine, raw);
    // as the job writes it: in transactions, reasons in a header
    try (KafkaProducer<byte[], byte[]> producer = transactionalProducer(kafka.bootstrapServers(), "quarantine-" + run)) {
      producer.initTransactions();
      producer.beginTransaction();
      quarantined(producer, quarantine, "a", "LOT_EXPIRED");
      quarantined(producer, quarantine, "b", "LOT_EXPIRED,LATE_UPLOAD");
      quarantined(producer, quarantine, "c", "REGION_CODE_UNKNOWN");
      quarantined(producer, quarantine, "d", "INDEX_REFUSED");
      producer.commitTransaction();
      producer.beginTransaction();
      quarantined(producer, quarantine, "e", "LOT_EXPIRED");
      producer.abortTransaction(); // never visible: must never be replayed
    }
    QuarantineReplayer.Settings settings =
        new QuarantineReplayer.Settings(kafka.bootstrapServers(), quarantine, raw, "fix-" + run);
    ReplaySelection lotOrIndex = new ReplaySelection(Set.of("LOT_EXPIRED", "INDEX_REFUSED"), Set.of());

    ReplayReport dryRun = new QuarantineReplayer(settings).replay(lotOrIndex, true);
    ReplayReport first = new QuarantineReplayer(settings).replay(lotOrIndex, false);
    ReplayReport second = new QuarantineReplayer(settings).replay(lotOrIndex, false);

    assertThat(dryRun.replayed()).isEqualTo(3);
    assertThat(first.scanned()).isEqualTo(4);
    assertThat(first.replayed()).isEqualTo(3);
    assertThat(first.replayedByReason()).containsEntry("LOT_EXPIRED", 2L).containsEntry("INDEX_REFUSED", 1L);
    assertThat(second.scanned()).isZero();
    assertThat(second.replayed()).isZero();
    try (CommittedRecords reinjected = new CommittedRecords(kafka.bootstrapServers(), raw)) {
      List<ConsumerRecord<byte[], byte[]>> records = reinjected.poll(Duration.ofSeconds(3));
      assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
          .containsExactlyInAnyOrder("a", "b", "d");
      assertThat(records).allSatisfy(r -> {
        String key = new String(r.key(), StandardCharsets.UTF_8);
        assertThat(r.value()).isEqualTo(("value of " + key).getBytes(StandardCharsets.UTF_8));
        assertThat(header(r, ReplayHeaders.SOURCE)).startsWith(quarantine + "/");
      });
      assertThat(records).filteredOn(r -> r.key()[0] == 'b').singleElement()
          .satisfies(r -> assertThat(header(r, ReplayHeaders.REASONS)).isEqualTo("LOT_EXPIRED,LATE_UPLOAD"));
    }
  }

  private static void quarantined(KafkaProducer<byte[], byte[]> producer, String topic, String key, String reasons) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
        ("value of " + key).getBytes(StandardCharsets.UTF_8));
    record.headers().add(Topics.HEADER_REASONS, reasons.getBytes(StandardCharsets.UTF_8));
    producer.send(record);
  }

  static KafkaProducer<byte[], byte[]> transactionalProducer(String bootstrap, String transactionalId) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
