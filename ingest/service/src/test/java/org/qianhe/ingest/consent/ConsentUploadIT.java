package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qianhe.ingest.IngestApplication;
import org.qianhe.ingest.keys.KeyMaterial;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Source;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.model.kafka.Topics;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.Masking;
import org.qianhe.ops.stack.KafkaBroker;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.terminal.client.ConsentClient;
import org.qianhe.terminal.client.ConsentClient.UploadResult;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The upload flow end to end: the real service (started as production starts it, with its own
 * config name), a real Kafka broker from the local stack and PostgreSQL. Every refusal is
 * checked against Kafka's end offsets: nothing refused may reach {@code consent.raw}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsentUploadIT {

  private static final int MAX_BODY = 256 * 1024;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static KafkaBroker kafka;
  private static ConfigurableApplicationContext app;
  private static URI baseUri;
  private static ConsentClient client;
  private static TerminalRegistry terminals;
  private static KafkaConsumer<String, byte[]> consumer;
  private static List<TopicPartition> partitions;
  /** Every raw identity this class sent: none may show up in the log. */
  private static final List<String> sentIdentities = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dataDir) {
    kafka = KafkaBroker.start();
    kafka.createTopics(LocalStack.DEFAULT_PARTITIONS, LocalStack.TOPICS.toArray(String[]::new));
    app = IngestApplication.start("--server.port=0", "--spring.profiles.active=postgres",
        "--qianhe.data-dir=" + dataDir, "--qianhe.ingest.kafka.bootstrap-servers=" + kafka.bootstrapServers());
    baseUri = URI.create("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"));
    client = new ConsentClient(baseUri, Duration.ofSeconds(30));
    terminals = app.getBean(TerminalRegistry.class);
    consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer());
    partitions = consumer.partitionsFor(Topics.RAW).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
  }

  @AfterAll
  static void stop() {
    if (consumer != null) {
      consumer.close();
    }
    if (app != null) {
      app.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void noIdentityReachedTheLog(CapturedOutput output) {
    assertThat(Uploads.leaked(output.getAll(), sentIdentities)).as("raw identities in the log").isEmpty();
  }

  @Test
  void validUploadIsAcceptedAndExactlyItsRecordIsInConsentRaw() throws Exception {
    ConsentUpload upload = registered(Uploads.sample(1));
    Map<TopicPartition, Long> before = endOffsets();

    UploadResult result = client.upload(upload);

    assertThat(result.status()).isEqualTo(202);
    JsonNode receipt = Uploads.parse(result.body());
    String digest = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(ConsentJson.canonical(upload)));
    assertThat(receipt.path("consentId").asText()).isEqualTo(upload.getConsentId());
    assertThat(receipt.path("contentDigest").asText()).isEqualTo(digest);
    Instant receivedAt = Instant.parse(receipt.path("receivedAt").asText());

    List<ConsumerRecord<String, byte[]>> produced = recordsSince(before, 1);
    assertThat(produced).hasSize(1);
    assertThat(produced.get(0).key()).isEqualTo(upload.getConsentId());
    byte[] value = produced.get(0).value();
    assertThat(Uploads.leaked(new String(value, StandardCharsets.ISO_8859_1), utf8AsLatin1(Uploads.identitiesOf(upload))))
        .as("raw identities in the Kafka value").isEmpty();

    ConsentRecord record = ConsentRecordCodec.decode(value);
    assertThat(record.getConsentId()).isEqualTo(upload.getConsentId());
    assertThat(record.getSource()).isEqualTo(Source.TERMINAL);
    assertThat(record.getRegionCode()).isEqualTo(upload.getRegionCode());
    assertThat(record.getSiteCode()).isEqualTo(upload.getSiteCode());
    assertThat(record.getTerminalId()).isEqualTo(upload.getTerminalId());
    assertThat(record.getOccurredAt()).isEqualTo(upload.getOccurredAt());
    assertThat(record.getReceivedAt()).isEqualTo(receivedAt);
    assertThat(record.getVaccination()).isEqualTo(upload.getVaccination());
    assertThat(record.getNotice()).isEqualTo(upload.getNotice());
    assertThat(record.getScreening()).isEqualTo(upload.getScreening());
    assertThat(record.getDecision()).isEqualTo(upload.getDecision());
    assertThat(record.getConfirmationMethod()).isEqualTo(upload.getConfirmationMethod());
    assertThat(record.getBiometricConsent()).isEqualTo(upload.getBiometricConsent());
    assertThat(record.getEvidence()).isEqualTo(upload.getEvidence());
    assertThat(record.getReceipt().getContentDigest()).isEqualTo(digest);
    assertThat(record.getReceipt().getReceivedAt()).isEqualTo(receivedAt);

    KeyMaterial keys = app.getBean(KeyMaterial.class);
    BlindIndex blindIndex = new BlindIndex(keys.blindIndexKey());
    assertThat(record.getChild().getKey()).isEqualTo(blindIndex.of(upload.getChild().getIdNumber()));
    assertThat(record.getChild().getNameMasked()).isEqualTo(Masking.name(upload.getChild().getName()));
    assertThat(record.getChild().getIdMasked()).isEqualTo(Masking.idNumber(upload.getChild().getIdNumber()));
    assertThat(record.getGuardian().getKey()).isEqualTo(blindIndex.of(upload.getGuardian().getIdNumber()));
    assertThat(record.getGuardian().getPhoneMasked()).isEqualTo(Masking.phone(upload.getGuardian().getPhone()));
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("child", upload.getChild());
    identity.put("guardian", upload.getGuardian());
    assertThat(record.getIdentitySealed().getKeyId()).isEqualTo(keys.sealingKeyId());
    assertThat(new IdentitySealer(keys.sealingKeyId(), keys.sealingKey())
        .open(record.getIdentitySealed(), upload.getConsentId()))
        .as("the sealed identity opens to exactly what the terminal sent").isEqualTo(ConsentJson.canonical(identity));
  }

  static Stream<Arguments> malformedBodies() {
    ConsentUpload upload = registered(Uploads.sample(2));
    byte[] json = Uploads.json(upload);

    ObjectNode wrongTypes = Uploads.tree(upload);
    ((ObjectNode) wrongTypes.get("vaccination")).put("doseNumber", "1");
    wrongTypes.put("biometricConsent", "true");
    wrongTypes.put("occurredAt", 1_769_848_200_000L);

    ObjectNode missing = Uploads.tree(upload);
    missing.remove(List.of("consentId", "vaccination"));
    ((ObjectNode) missing.get("guardian")).remove("phone");

    ObjectNode unknownEnum = Uploads.tree(upload);
    unknownEnum.put("decision", "PERHAPS");

    byte[] invalidUtf8 = Arrays.copyOf(json, json.length);
    int name = new String(json, StandardCharsets.ISO_8859_1).indexOf("\"siteCode\":\"") + 12;
    invalidUtf8[name] = (byte) 0xFF; // never part of UTF-8

    ObjectNode badUuid = Uploads.tree(upload);
    badUuid.put("consentId", "1234-not-a-uuid");

    ObjectNode severalRules = Uploads.tree(upload);
    severalRules.put("consentId", "1234-not-a-uuid");
    severalRules.put("regionCode", "41010");
    severalRules.put("siteCode", " ");
    ((ObjectNode) severalRules.get("child")).put("idNumber", "41010");
    ((ObjectNode) severalRules.get("guardian")).put("phone", "555-0100");
    ((ObjectNode) severalRules.get("notice")).put("digest", "ABC");

    ObjectNode severalShapes = Uploads.tree(upload);
    severalShapes.put("decision", "PERHAPS");
    severalShapes.put("screening", "none");
    ((ObjectNode) severalShapes.get("child")).put("sex", 1);
    ((ObjectNode) severalShapes.get("child")).remove("name");
    severalShapes.put("signedBy", "nurse");

    return Stream.of(
        Arguments.of("truncated JSON", Arrays.copyOf(json, json.length - 40), List.of("$")),
        Arguments.of("wrong types", Uploads.bytes(wrongTypes),
            List.of("vaccination.doseNumber", "biometricConsent", "occurredAt")),
        Arguments.of("missing required fields", Uploads.bytes(missing),
            List.of("consentId", "vaccination", "guardian.phone")),
        Arguments.of("unknown enum symbol", Uploads.bytes(unknownEnum), List.of("decision")),
        Arguments.of("invalid UTF-8", invalidUtf8, List.of("$")),
        Arguments.of("bad UUID", Uploads.bytes(badUuid), List.of("consentId")),
        Arguments.of("several rule breaks", Uploads.bytes(severalRules),
            List.of("consentId", "regionCode", "siteCode", "child.idNumber", "guardian.phone", "notice.digest")),
        Arguments.of("several shape problems", Uploads.bytes(severalShapes),
            List.of("decision", "screening", "child.sex", "child.name", "signedBy")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedBodies")
  void malformedBodyIs400NamingEveryBadFieldAndNothingReachesKafka(String name, byte[] body, List<String> fields)
      throws Exception {
    Map<TopicPartition, Long> before = endOffsets();

    UploadResult result = client.post(body);

    assertThat(result.status()).isEqualTo(400);
    JsonNode problem = Uploads.parse(result.body());
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("type").asText()).startsWith("urn:qianhe:problem:");
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(Uploads.errorFields(problem)).containsExactlyInAnyOrderElementsOf(fields);
    assertThat(endOffsets()).as("nothing produced").isEqualTo(before);
  }

  @Test
  void unknownTerminalIs403AndNothingReachesKafka() throws Exception {
    ConsentUpload upload = Uploads.sample(3);
    upload.setTerminalId("T-unregistered-" + UUID.randomUUID());
    sentIdentities.addAll(Uploads.identitiesOf(upload));
    Map<TopicPartition, Long> before = endOffsets();

    UploadResult result = client.upload(upload);

    assertThat(result.status()).isEqualTo(403);
    JsonNode problem = Uploads.parse(result.body());
    assertThat(problem.path("code").asText()).isEqualTo("TERMINAL_UNKNOWN");
    assertThat(Uploads.errorCodes(problem)).containsExactly("TERMINAL_UNKNOWN");
    assertThat(endOffsets()).as("nothing produced").isEqualTo(before);
  }

  @Test
  void revokedTerminalIs403AndNothingReachesKafka() throws Exception {
    // A terminal of its own: the shared database outlives this test, and a revoked terminal stays revoked.
    ConsentUpload upload = Uploads.sample(4);
    upload.setTerminalId("T-revoked-" + UUID.randomUUID());
    registered(upload);
    assertThat(terminals.revoke(upload.getTerminalId())).isTrue();
    Map<TopicPartition, Long> before = endOffsets();

    UploadResult result;
    try {
      result = client.upload(upload);
    } finally {
      app.getBean(JdbcClient.class).sql("DELETE FROM terminal WHERE terminal_id = :id")
          .param("id", upload.getTerminalId()).update();
    }

    assertThat(result.status()).isEqualTo(403);
    assertThat(Uploads.parse(result.body()).path("code").asText()).isEqualTo("TERMINAL_REVOKED");
    assertThat(endOffsets()).as("nothing produced").isEqualTo(before);
  }

  @Test
  void bodyOverTheLimitIs413WhetherDeclaredOrStreamed() throws Exception {
    ConsentUpload upload = registered(Uploads.sample(5));
    byte[] json = Uploads.json(upload);
    byte[] oversized = Arrays.copyOf(json, MAX_BODY + 1);
    Arrays.fill(oversized, json.length, oversized.length, (byte) ' '); // still valid JSON: trailing blanks
    Map<TopicPartition, Long> before = endOffsets();

    UploadResult declared = client.post(oversized);
    HttpResponse<String> streamed = send(HttpRequest.newBuilder(baseUri.resolve("/v1/consents"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))));

    assertThat(declared.status()).isEqualTo(413);
    assertThat(Uploads.parse(declared.body()).path("type").asText()).isEqualTo("urn:qianhe:problem:consent-too-large");
    assertThat(streamed.statusCode()).isEqualTo(413);
    assertThat(endOffsets()).as("nothing produced").isEqualTo(before);
  }

  @Test
  void otherContentTypeIs415AndNothingReachesKafka() throws Exception {
    ConsentUpload upload = registered(Uploads.sample(6));
    Map<TopicPartition, Long> before = endOffsets();

    HttpResponse<String> response = send(HttpRequest.newBuilder(baseUri.resolve("/v1/consents"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Uploads.json(upload))));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Uploads.parse(response.body()).path("type").asText())
        .isEqualTo("urn:qianhe:problem:unsupported-media-type");
    assertThat(endOffsets()).as("nothing produced").isEqualTo(before);
  }

  private static ConsentUpload registered(ConsentUpload upload) {
    terminals.register(upload.getTerminalId(), upload.getSiteCode(), upload.getRegionCode());
    sentIdentities.addAll(Uploads.identitiesOf(upload));
    return upload;
  }

  private static Map<TopicPartition, Long> endOffsets() {
    return consumer.endOffsets(partitions, Duration.ofSeconds(10));
  }

  /** Reads what was produced since {@code before}; end offsets say how much that is, so this never guesses. */
  private static List<ConsumerRecord<String, byte[]>> recordsSince(Map<TopicPartition, Long> before, int expected) {
    Map<TopicPartition, Long> after = endOffsets();
    long count = after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
    assertThat(count).as("records produced").isEqualTo(expected);
    before.forEach(consumer::seek);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The identities as their UTF-8 bytes read as Latin-1, to search a binary value byte for byte. */
  private static List<String> utf8AsLatin1(List<String> identities) {
    return identities.stream()
        .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).toList();
  }
}
