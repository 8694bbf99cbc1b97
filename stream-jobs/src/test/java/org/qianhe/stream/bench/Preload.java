package org.qianhe.stream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.qianhe.stream.records.RawConsent;

/** Fills a topic before a throughput run, as fast as the broker takes it, and says how many it took. */
final class Preload {

  private Preload() {}

  /** @return records acknowledged by the broker; a run is measured on those */
  static int send(String bootstrap, String topic, List<RawConsent> records) throws InterruptedException {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, "20",
        ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024)),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      awaitLeaders(producer, topic);
      AtomicInteger acked = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      for (RawConsent record : records) {
        producer.send(new ProducerRecord<>(topic,
            record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value()),
            (metadata, error) -> (error == null ? acked : failed).incrementAndGet());
      }
      producer.flush();
      if (failed.get() > 0) {
        StreamBenchmark.progress("  " + failed.get() + " records were not taken by the broker; measuring on the "
            + acked.get() + " that were");
      }
      return acked.get();
    }
  }

  /** A topic just created may not have its leaders yet: sending then fails records for good. */
  private static void awaitLeaders(KafkaProducer<byte[], byte[]> producer, String topic) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<PartitionInfo> partitions = producer.partitionsFor(topic);
      if (!partitions.isEmpty() && partitions.stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
        Thread.sleep(500); // the broker's own view catches up with the controller's
        return;
      }
      Thread.sleep(200);
    }
  }
}
