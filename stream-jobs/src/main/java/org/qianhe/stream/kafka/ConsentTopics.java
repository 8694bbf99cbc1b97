package org.qianhe.stream.kafka;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.qianhe.stream.StreamJobConfig;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

/** The production Kafka connectors of the consent topics, built from the job's configuration. */
public final class ConsentTopics {

  private ConsentTopics() {}

  public static KafkaSource<RawConsent> rawSource(StreamJobConfig config) {
    return rawSourceBuilder(config).build();
  }

  /**
   * The source as a builder, for a caller that needs to change it (a test bounds it). Resumes
   * from the group's committed offsets, and from the earliest offset for a new group: a consent
   * accepted before the job first ran must still be processed.
   */
  @SuppressWarnings("deprecation") // OffsetResetStrategy: still what the connector's API takes
  public static KafkaSourceBuilder<RawConsent> rawSourceBuilder(StreamJobConfig config) {
    return KafkaSource.<RawConsent>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(config.rawTopic())
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RawConsentDeserializer())
        // ingest writes with an idempotent producer; aborted writes must stay invisible
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        // offsets are committed on checkpoints; without checkpoints only the client can commit them
        .setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, Boolean.toString(!config.checkpointingEnabled()));
  }

  public static KafkaSink<QuarantinedConsent> quarantineSink(StreamJobConfig config) {
    return KafkaSink.<QuarantinedConsent>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setRecordSerializer(new QuarantineSerializer(config.quarantineTopic()))
        .setDeliveryGuarantee(config.deliveryGuarantee())
        .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-quarantine")
        .setKafkaProducerConfig(producerConfig(config))
        .build();
  }

  public static KafkaSink<DuplicateConsent> duplicatesSink(StreamJobConfig config) {
    return KafkaSink.<DuplicateConsent>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setRecordSerializer(new DuplicateSerializer(config.duplicatesTopic()))
        .setDeliveryGuarantee(config.deliveryGuarantee())
        .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-duplicates")
        .setKafkaProducerConfig(producerConfig(config))
        .build();
  }

  private static Properties producerConfig(StreamJobConfig config) {
    Properties properties = new Properties();
    if (config.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
      // KafkaSink's default (1 h) is refused by brokers capped at 15 min (DESIGN.md section 12)
      properties.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
          Long.toString(config.transactionTimeout().toMillis()));
    }
    properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    return properties;
  }
}
