package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.model.kafka.Topics;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.model.validation.ReasonCode;
import org.qianhe.stream.staging.StagedFiles;

/**
 * The production job (Kafka source, exactly-once Kafka sinks, Elasticsearch sink) started the way
 * the local pipeline starts it, on the test MiniCluster at parallelism 2, against the real local
 * stack. Topics, consumer group and transactional ids are unique to the run.
 */
@ExtendWith(LocalStackExtension.class)
@SuppressWarnings({"rawtypes", "unchecked"}) // documents are read back as plain maps
class ConsentValidationJobIT {

  private static final int VALID = 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  private final TestConsents consents = new TestConsents(2025, Instant.now());

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path root;

  @Test
  void indexesAndStagesValidConsentsAndRoutesTheRestWithTheirOriginalBytes(LocalStack stack) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String rawTopic = "it-" + run + ".raw";
    String quarantineTopic = "it-" + run + ".quarantine";
    String duplicatesTopic = "it-" + run + ".duplicates";
    String bootstrap = stack.kafka().bootstrapServers();
    stack.kafka().createTopics(2, rawTopic, quarantineTopic, duplicatesTopic);
    StreamJobConfig config = StreamJobConfig.defaults().with(Map.of(
        "kafka.bootstrap-servers", bootstrap,
        "kafka.group-id", "qianhe-stream-it-" + run,
        "kafka.transactional-id-prefix", "qianhe-stream-it-" + run,
        "topic.raw", rawTopic,
        "topic.quarantine", quarantineTopic,
        "topic.duplicates", duplicatesTopic,
        "elasticsearch.url", stack.elasticsearch().httpUrl(),
        "staging.root", root.toUri().toString(),
        "checkpoint.dir", "none",
        "checkpoint.interval", "1 s"));

    List<ConsentRecord> valid = new ArrayList<>();
    for (int i = 0; i < VALID; i++) {
      valid.add(consents.valid());
    }
    ConsentRecord duplicated = valid.get(VALID / 2);
    ConsentRecord expired = consents.lotExpired();
    ConsentRecord future = consents.occurredAfterReceived();
    String undecodableKey = UUID.randomUUID().toString();
    byte[] garbage = TestConsents.garbage();
    int produced;
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      valid.forEach(r -> send(producer, rawTopic, r.getConsentId(), ConsentRecordCodec.encode(r)));
      send(producer, rawTopic, duplicated.getConsentId(), ConsentRecordCodec.encode(duplicated));
      send(producer, rawTopic, expired.getConsentId(), ConsentRecordCodec.encode(expired));
      send(producer, rawTopic, future.getConsentId(), ConsentRecordCodec.encode(future));
      send(producer, rawTopic, undecodableKey, garbage);
      producer.flush();
      produced = VALID + 4;
    }

    List<String> validIds = valid.stream().map(ConsentRecord::getConsentId).toList();
    List<ConsumerRecord<byte[], byte[]>> quarantined;
    List<ConsumerRecord<byte[], byte[]>> duplicates;
    List<Hit<Map>> indexed;
    try (ConsentIndexClient index = ConsentIndexClient.connect(stack.elasticsearch().httpUrl());
        CommittedRecords quarantine = new CommittedRecords(bootstrap, quarantineTopic);
        CommittedRecords duplicate = new CommittedRecords(bootstrap, duplicatesTopic)) {
      JobClient job = ConsentValidationJob.startDetached(config);
      try {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        do {
          quarantined = quarantine.poll(Duration.ofMillis(500));
          duplicates = duplicate.poll(Duration.ofMillis(500));
          indexed = search(index, validIds, expired, future);
        } while ((indexed.size() < VALID || quarantined.size() < 3 || duplicates.isEmpty()
            || StagedFiles.read(root).size() < VALID) && System.nanoTime() < deadline);
      } finally {
        job.cancel().get();
      }
      // anything that would come late (a second copy, a stray record) has had its checkpoint
      quarantined = quarantine.poll(Duration.ofSeconds(2));
      duplicates = duplicate.poll(Duration.ofSeconds(1));
      indexed = search(index, validIds, expired, future);
    }

    assertThat(indexed).extracting(Hit::id).containsExactlyInAnyOrderElementsOf(validIds);
    assertThat(indexed).allSatisfy(hit ->
        assertThat(hit.source()).containsEntry(ConsentFields.VALIDATION_STATUS, "VALID"));

    assertThat(duplicates).singleElement().satisfies(d -> {
      assertThat(key(d)).isEqualTo(duplicated.getConsentId());
      assertThat(d.value()).isEqualTo(ConsentRecordCodec.encode(duplicated));
      assertThat(header(d, Topics.HEADER_DUPLICATE_OF)).isEqualTo(duplicated.getConsentId());
    });

    assertThat(quarantined).hasSize(3);
    assertThat(quarantined).filteredOn(q -> key(q).equals(expired.getConsentId())).singleElement().satisfies(q -> {
      assertThat(header(q, Topics.HEADER_REASONS)).isEqualTo("LOT_EXPIRED");
      assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(expired));
    });
    assertThat(quarantined).filteredOn(q -> key(q).equals(future.getConsentId())).singleElement().satisfies(q -> {
      assertThat(header(q, Topics.HEADER_REASONS)).isEqualTo("OCCURRED_AFTER_RECEIVED");
      assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(future));
    });
    assertThat(quarantined).filteredOn(q -> key(q).equals(undecodableKey)).singleElement().satisfies(q -> {
      assertThat(header(q, Topics.HEADER_REASONS)).isEqualTo(ReasonCode.UNDECODABLE.name());
      assertThat(q.value()).isEqualTo(garbage);
    });

    // staging holds exactly what the index holds
    assertThat(StagedFiles.read(root)).extracting(StagedFiles.Staged::consentId)
        .containsExactlyInAnyOrderElementsOf(validIds);

    // reconciliation: every record read is in exactly one place
    assertThat(indexed.size() + quarantined.size() + duplicates.size()).isEqualTo(produced);
  }

  /** The documents of the given consents, by _id, through the alias (after a refresh). */
  private static List<Hit<Map>> search(ConsentIndexClient index, List<String> validIds, ConsentRecord... others)
      throws Exception {
    List<String> ids = new ArrayList<>(validIds);
    for (ConsentRecord other : others) {
      ids.add(other.getConsentId());
    }
    if (!index.aliasExists()) {
      return List.of();
    }
    index.refresh();
    SearchResponse<Map> response = index.client().search(s -> s
        .index(ConsentIndexClient.ALIAS)
        .query(q -> q.ids(i -> i.values(ids)))
        .size(ids.size() + 10), Map.class);
    return response.hits().hits();
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot produce to " + topic, e);
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    return new String(record.key(), StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
