package org.qianhe.stream.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.qianhe.model.kafka.Topics;
import org.qianhe.stream.records.DuplicateConsent;

/** The original key and value, with the consentId kept in the {@link Topics#HEADER_DUPLICATE_OF} header. */
public class DuplicateSerializer implements KafkaRecordSerializationSchema<DuplicateConsent> {

  private final String topic;

  public DuplicateSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(DuplicateConsent consent, KafkaSinkContext context, Long timestamp) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
        topic, null, timestamp, KafkaKeys.bytes(consent.key()), consent.value());
    record.headers().add(Topics.HEADER_DUPLICATE_OF, consent.duplicateOf().getBytes(StandardCharsets.UTF_8));
    return record;
  }
}
