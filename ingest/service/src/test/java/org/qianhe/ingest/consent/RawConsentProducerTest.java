package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.qianhe.ingest.system.IngestProperties;

class RawConsentProducerTest {

  @Test
  void producerIsIdempotentAcksAllAndEveryWaitComesFromConfiguration() {
    IngestProperties.Kafka kafka = new IngestProperties.Kafka("k1:9092", "consent.raw", Duration.ofSeconds(2),
        Duration.ofSeconds(3), Duration.ofSeconds(7), Duration.ofMillis(4), Duration.ofSeconds(9));

    Map<String, Object> config = RawConsentProducer.config(kafka);

    assertThat(config).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k1:9092")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000L)
        .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000)
        .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 7000)
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 4);
  }
}
