package org.qianhe.stream.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.qianhe.stream.records.RawConsent;

/**
 * Takes key and value as they are. Deliberately no decoding here: a deserializer that throws fails
 * the source (and the job, forever), one that skips loses the record. Only the replay marker is
 * read from the headers.
 */
public class RawConsentDeserializer implements KafkaRecordDeserializationSchema<RawConsent> {

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawConsent> out) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    Header replay = record.headers().lastHeader(ReplayHeaders.REASONS);
    String replayReasons = replay == null || replay.value() == null
        ? null : new String(replay.value(), StandardCharsets.UTF_8);
    out.collect(new RawConsent(key, record.value(), replayReasons));
  }

  @Override
  public TypeInformation<RawConsent> getProducedType() {
    return TypeInformation.of(RawConsent.class);
  }
}
