package org.qianhe.stream.replay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.qianhe.model.kafka.Topics;
import org.qianhe.stream.kafka.ReplayHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-injects quarantined consents into consent.raw after a rule or data fix, exactly once per
 * replay group: each batch is produced in a Kafka transaction that also commits the group's
 * quarantine offsets ({@code sendOffsetsToTransaction}), so a crash replays the unfinished batch
 * again and a second run of the same group re-injects nothing. The value is the original bytes;
 * the headers name the original reasons and the quarantine record it came from.
 *
 * <p>Reads up to the end offsets it finds when it starts: consents the job quarantines again
 * meanwhile wait for the next replay. The job itself is the second guard: a re-injected consent
 * that was already kept is a duplicate there, never a second archived copy.
 */
public final class QuarantineReplayer {

  private static final Logger log = LoggerFactory.getLogger(QuarantineReplayer.class);
  private static final Duration POLL = Duration.ofMillis(500);

  /** Where to read and write, and as which replay group. */
  public record Settings(String bootstrapServers, String quarantineTopic, String rawTopic, String group) {}

  private final Settings settings;

  public QuarantineReplayer(Settings settings) {
    this.settings = settings;
  }

  public ReplayReport replay(ReplaySelection selection, boolean dryRun) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer();
        KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(settings.quarantineTopic()).stream()
          .map(p -> new TopicPartition(settings.quarantineTopic(), p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      if (producer != null) {
        producer.initTransactions();
      }
      long scanned = 0;
      long replayed = 0;
      Map<String, Long> byReason = new HashMap<>();
      while (!reachedEnd(consumer, end)) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
        if (batch.isEmpty()) {
          continue;
        }
        if (producer != null) {
          producer.beginTransaction();
        }
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        boolean pastEnd = false;
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= end.get(partition)) {
            pastEnd = true; // quarantined after this replay started: the next replay's
            continue;
          }
          next.put(partition, new OffsetAndMetadata(record.offset() + 1));
          scanned++;
          String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
          String reasons = header(record, Topics.HEADER_REASONS);
          if (!selection.matches(key, reasons)) {
            continue;
          }
          replayed++;
          if (reasons != null) {
            for (String reason : reasons.split(",")) {
              byReason.merge(reason.strip(), 1L, Long::sum);
            }
          }
          if (producer != null) {
            producer.send(reinjected(record, reasons));
          }
        }
        if (producer != null) {
          producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
          producer.commitTransaction();
        }
        if (pastEnd) {
          // records past the end offsets were polled but not taken: stop at the end, leave them
          end.forEach(consumer::seek);
        }
      }
      ReplayReport report = new ReplayReport(scanned, replayed, scanned - replayed, byReason, dryRun);
      log.info("{} (group {})", report, settings.group());
      return report;
    }
  }

  private ProducerRecord<byte[], byte[]> reinjected(ConsumerRecord<byte[], byte[]> record, String reasons) {
    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(settings.rawTopic(), record.key(), record.value());
    if (reasons != null) {
      out.headers().add(ReplayHeaders.REASONS, reasons.getBytes(StandardCharsets.UTF_8));
    }
    out.headers().add(ReplayHeaders.SOURCE, (record.topic() + "/" + record.partition() + "/" + record.offset())
        .getBytes(StandardCharsets.UTF_8));
    return out;
  }

  private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    // the job writes the quarantine in transactions: aborted attempts must not be replayed
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    // one transactional id per replay group: a second, concurrent run of the same group fences the first
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "qianhe-replay-" + settings.group());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
