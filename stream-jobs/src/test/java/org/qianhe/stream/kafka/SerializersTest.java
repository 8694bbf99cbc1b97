package org.qianhe.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.qianhe.model.kafka.Topics;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

class SerializersTest {

  private static final byte[] VALUE = {(byte) 0xC3, 0x01, 0x00, 0x7F, (byte) 0xFF};

  @Test
  void quarantineCarriesTheOriginalBytesAndTheReasons() {
    ProducerRecord<byte[], byte[]> record = new QuarantineSerializer("q-topic")
        .serialize(new QuarantinedConsent("id-1", VALUE, "LOT_EXPIRED,LATE_UPLOAD"), null, 1234L);

    assertThat(record.topic()).isEqualTo("q-topic");
    assertThat(record.key()).isEqualTo("id-1".getBytes(StandardCharsets.UTF_8));
    assertThat(record.value()).isEqualTo(VALUE);
    assertThat(record.timestamp()).isEqualTo(1234L);
    assertThat(record.headers().lastHeader(Topics.HEADER_REASONS).value())
        .asString(StandardCharsets.UTF_8).isEqualTo("LOT_EXPIRED,LATE_UPLOAD");
  }

  @Test
  void undecodableRecordsWithoutKeyKeepNoKey() {
    ProducerRecord<byte[], byte[]> record = new QuarantineSerializer("q-topic")
        .serialize(new QuarantinedConsent(null, VALUE, "UNDECODABLE"), null, null);

    assertThat(record.key()).isNull();
    assertThat(record.value()).isEqualTo(VALUE);
  }

  @Test
  void duplicatesCarryTheOriginalBytesAndTheKeptId() {
    ProducerRecord<byte[], byte[]> record = new DuplicateSerializer("d-topic")
        .serialize(new DuplicateConsent("id-2", VALUE, "id-2"), null, null);

    assertThat(record.topic()).isEqualTo("d-topic");
    assertThat(record.key()).isEqualTo("id-2".getBytes(StandardCharsets.UTF_8));
    assertThat(record.value()).isEqualTo(VALUE);
    assertThat(record.headers().lastHeader(Topics.HEADER_DUPLICATE_OF).value())
        .asString(StandardCharsets.UTF_8).isEqualTo("id-2");
  }

  @Test
  void rawRecordsAreTakenAsTheyAre() {
    List<RawConsent> out = new ArrayList<>();
    Collector<RawConsent> collector = new Collector<>() {
      @Override
      public void collect(RawConsent record) {
        out.add(record);
      }

      @Override
      public void close() {}
    };
    RawConsentDeserializer deserializer = new RawConsentDeserializer();

    deserializer.deserialize(new ConsumerRecord<>("raw", 0, 0, "id-3".getBytes(StandardCharsets.UTF_8), VALUE), collector);
    deserializer.deserialize(new ConsumerRecord<>("raw", 0, 1, null, VALUE), collector);

    assertThat(out).extracting(RawConsent::key).containsExactly("id-3", null);
    assertThat(out).allSatisfy(raw -> assertThat(raw.value()).isSameAs(VALUE));
  }
}
