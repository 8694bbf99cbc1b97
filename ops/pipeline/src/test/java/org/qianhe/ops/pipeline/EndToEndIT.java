package org.qianhe.ops.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.model.kafka.Topics;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.terminal.client.ConsentClient;
import org.qianhe.terminal.client.ConsentClient.UploadResult;
import org.qianhe.terminal.simulator.ConsentGenerator;

/**
 * One consent's whole journey on the real engines: terminal upload → ingest → Kafka → Flink →
 * Elasticsearch → the analysts' trace search, with a duplicate and a malformed upload on the way.
 */
class EndToEndIT {

  private static final int CONSENTS = 30;

  @TempDir
  static Path dataDir;

  private static LocalPipeline pipeline;
  private static List<ConsentUpload> uploads;
  private static ConsentClient terminal;

  @BeforeAll
  static void uploadSampleConsents() throws Exception {
    pipeline = LocalPipeline.start(PipelineSettings.forTests(dataDir));
    ConsentGenerator generator = new ConsentGenerator(99, Instant.now());
    pipeline.registerTerminals(generator.allSiteCodes());
    uploads = IntStream.range(0, CONSENTS).mapToObj(i -> generator.next()).toList();
    // signs with the simulator keys registerTerminals registered
    terminal = ConsentClient.forSimulatedTerminals(pipeline.ingestUri(), Duration.ofSeconds(30));
    for (ConsentUpload upload : uploads) {
      assertThat(terminal.upload(upload).status()).isEqualTo(202);
    }
    // The terminal lost the first receipt and sends the same consent again: ingest is idempotent on
    // consentId and answers with the same receipt without producing anything.
    long produced = endOffsets(Topics.RAW);
    assertThat(terminal.upload(uploads.get(0)).status()).isEqualTo(202);
    assertThat(endOffsets(Topics.RAW)).isEqualTo(produced);
    // A duplicate still reaches consent.raw when Kafka's acknowledgement is lost after the write and
    // the upload is retried (DESIGN.md section 6); the stream job must absorb it. Write one by hand.
    ConsumerRecord<String, byte[]> first = readAll(Topics.RAW).stream()
        .filter(r -> r.key().equals(uploads.get(0).getConsentId())).findFirst().orElseThrow();
    Properties producerConfig = new Properties();
    producerConfig.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        pipeline.stack().kafka().bootstrapServers());
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(producerConfig,
        new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.RAW, first.key(), first.value())).get();
    }

    try (ConsentIndexClient index = ConsentIndexClient.connect(pipeline.stack().elasticsearch().httpUrl())) {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        index.refresh();
        assertThat(index.count()).isEqualTo(CONSENTS);
      });
    }
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void aRecallByLotFindsTheConsentWithMaskedPeopleOnly() throws Exception {
    ConsentUpload wanted = uploads.get(5);

    JsonNode result = pipeline.traceClient().byLot(wanted.getVaccination().getLotNumber());

    assertThat(result.path("results").findValuesAsText("consentId")).contains(wanted.getConsentId());
    JsonNode hit = findById(result, wanted.getConsentId());
    assertThat(hit.path("lotNumber").asText(hit.path("vaccination").path("lotNumber").asText()))
        .isEqualTo(wanted.getVaccination().getLotNumber());
    assertThat(hit.path("child").path("nameMasked").asText())
        .isEqualTo(wanted.getChild().getName().substring(0, 1) + "**");
    assertNoRawIdentity(result.toString());
  }

  @Test
  void aSiteAndDayTraceFindsEveryConsentOfThatSiteAndDay() throws Exception {
    ConsentUpload wanted = uploads.get(3);
    LocalDate day = StorageLayout.partitionDate(wanted.getOccurredAt());
    long expected = uploads.stream()
        .filter(u -> u.getSiteCode().equals(wanted.getSiteCode()))
        .filter(u -> StorageLayout.partitionDate(u.getOccurredAt()).equals(day))
        .count();

    JsonNode result = pipeline.traceClient().bySite(wanted.getSiteCode(), day, day);

    assertThat(result.path("total").asLong()).isEqualTo(expected);
    assertThat(result.path("results").findValuesAsText("consentId")).contains(wanted.getConsentId());
    assertNoRawIdentity(result.toString());
  }

  @Test
  void theSameConsentUploadedTwiceIsOneDocumentAndOneDuplicateRecord() {
    // Duplicates are written in Kafka transactions, visible once the job's next checkpoint commits.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(readAll(Topics.DUPLICATES)).singleElement().satisfies(record -> {
          assertThat(record.key()).isEqualTo(uploads.get(0).getConsentId());
          assertThat(new String(record.headers().lastHeader(Topics.HEADER_DUPLICATE_OF).value(), StandardCharsets.UTF_8))
              .isEqualTo(uploads.get(0).getConsentId());
        }));
    assertThat(readAll(Topics.QUARANTINE)).isEmpty();
  }

  @Test
  void aMalformedUploadIsRefusedNamingTheFieldsAndNothingReachesKafka() throws Exception {
    long before = endOffsets(Topics.RAW);
    String body = new String(ConsentJson.write(uploads.get(1)), StandardCharsets.UTF_8)
        .replace("\"siteCode\":\"" + uploads.get(1).getSiteCode() + "\",", "")
        .replace("\"doseNumber\":" + uploads.get(1).getVaccination().getDoseNumber(), "\"doseNumber\":\"first\"");

    UploadResult result = terminal.post(body.getBytes(StandardCharsets.UTF_8));

    assertThat(result.status()).isEqualTo(400);
    assertThat(result.body()).contains("siteCode", "vaccination.doseNumber");
    assertNoRawIdentity(result.body());
    assertThat(endOffsets(Topics.RAW)).isEqualTo(before).isEqualTo(CONSENTS + 1);
  }

  @Test
  void noElasticsearchDocumentHoldsARawIdentity() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        pipeline.stack().elasticsearch().httpUrl() + "/consents/_search?size=1000")).build();

    String everything = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();

    assertThat(everything).contains(uploads.get(0).getConsentId());
    assertNoRawIdentity(everything);
  }

  @Test
  void theServicesLogsHoldNoRawIdentity() throws Exception {
    for (String service : List.of("ingest", "search")) {
      Path log = dataDir.resolve("logs").resolve(service + ".log");
      assertThat(log).exists();
      assertNoRawIdentity(java.nio.file.Files.readString(log));
    }
  }

  private static JsonNode findById(JsonNode result, String consentId) {
    for (JsonNode hit : result.path("results")) {
      if (hit.path("consentId").asText().equals(consentId)) {
        return hit;
      }
    }
    throw new AssertionError("consent " + consentId + " not in the results");
  }

  private static void assertNoRawIdentity(String text) {
    for (ConsentUpload upload : uploads) {
      assertThat(text).doesNotContain(upload.getChild().getName(), upload.getChild().getIdNumber(),
          upload.getGuardian().getName(), upload.getGuardian().getIdNumber(), upload.getGuardian().getPhone());
    }
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.stack().kafka().bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      Instant deadline = Instant.now().plusSeconds(10);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private static long endOffsets(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
