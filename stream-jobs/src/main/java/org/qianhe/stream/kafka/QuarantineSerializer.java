package org.qianhe.stream.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.qianhe.model.kafka.Topics;
import org.qianhe.stream.records.QuarantinedConsent;

/** The original key and value, with the reason codes in the {@link Topics#HEADER_REASONS} header. */
public class QuarantineSerializer implements KafkaRecordSerializationSchema<QuarantinedConsent> {

  private final String topic;

  public QuarantineSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(QuarantinedConsent consent, KafkaSinkContext context, Long timestamp) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
        topic, null, timestamp, KafkaKeys.bytes(consent.key()), consent.value());
    record.headers().add(Topics.HEADER_REASONS, consent.reasons().getBytes(StandardCharsets.UTF_8));
    return record;
  }
}
