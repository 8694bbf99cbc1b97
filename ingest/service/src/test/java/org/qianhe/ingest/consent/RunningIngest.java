package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.qianhe.ingest.IngestApplication;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.model.kafka.Topics;
import org.qianhe.ops.stack.KafkaBroker;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.terminal.client.ConsentClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service as production runs it (its own config name, PostgreSQL, a real Kafka broker from the
 * local stack, the evidence store on the local file system), started once per test JVM and shared
 * by the {@code *IT} classes of this package; stopped when the JVM exits. Tests register their own
 * terminals and work with their own consents, so they do not disturb each other.
 */
final class RunningIngest implements AutoCloseable {

  private static RunningIngest instance;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Stops the shared service and broker when the whole test run ends (JUnit closes what the root
   * store holds), inside the test JVM's life, not in a shutdown hook racing Hadoop's and Kafka's own.
   */
  static final class Lifecycle implements org.junit.jupiter.api.extension.BeforeAllCallback {
    @Override
    public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) {
      context.getRoot().getStore(org.junit.jupiter.api.extension.ExtensionContext.Namespace.GLOBAL)
          .computeIfAbsent(RunningIngest.class, k -> get());
    }
  }

  final KafkaBroker kafka;
  final ConfigurableApplicationContext app;
  final Path dataDir;
  final URI baseUri;
  final ConsentClient client;
  final TerminalRegistry terminals;
  final EvidenceStore store;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;

  private RunningIngest() throws IOException {
    dataDir = Files.createTempDirectory("qianhe-ingest-it");
    kafka = KafkaBroker.start();
    kafka.createTopics(LocalStack.DEFAULT_PARTITIONS, LocalStack.TOPICS.toArray(String[]::new));
    app = IngestApplication.start("--server.port=0", "--spring.profiles.active=postgres",
        "--qianhe.data-dir=" + dataDir, "--qianhe.ingest.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        // an outage test waits out several 503s: keep each short
        "--qianhe.ingest.kafka.max-block=2s", "--qianhe.ingest.kafka.request-timeout=2s",
        "--qianhe.ingest.kafka.delivery-timeout=4s", "--qianhe.ingest.kafka.ack-timeout=5s",
        "--qianhe.ingest.retry-after=1s", "--qianhe.ingest.claim-timeout=20s",
        "--logging.file.name=" + dataDir.resolve("ingest.log"));
    baseUri = URI.create("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"));
    client = new ConsentClient(baseUri, Duration.ofSeconds(30));
    terminals = app.getBean(TerminalRegistry.class);
    store = app.getBean(EvidenceStore.class);
    consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer());
    partitions = consumer.partitionsFor(Topics.RAW).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
  }

  static synchronized RunningIngest get() {
    if (instance == null) {
      try {
        instance = new RunningIngest();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close)); // when no Lifecycle closed it
    }
    return instance;
  }

  /** The service's log file: what a privacy scan reads. */
  Path logFile() {
    return dataDir.resolve("ingest.log");
  }

  synchronized Map<TopicPartition, Long> endOffsets() {
    return consumer.endOffsets(partitions, Duration.ofSeconds(10));
  }

  /** Reads what was produced since {@code before}; end offsets say how much that is, so this never guesses. */
  synchronized List<ConsumerRecord<String, byte[]>> recordsSince(Map<TopicPartition, Long> before, int expected) {
    Map<TopicPartition, Long> after = endOffsets();
    long count = after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
    assertThat(count).as("records produced").isEqualTo(expected);
    return read(before, after);
  }

  /** Everything produced since {@code before}, however much. */
  synchronized List<ConsumerRecord<String, byte[]>> recordsSince(Map<TopicPartition, Long> before) {
    return read(before, endOffsets());
  }

  private List<ConsumerRecord<String, byte[]>> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    from.forEach(consumer::seek);
    long count = to.entrySet().stream().mapToLong(e -> e.getValue() - from.get(e.getKey())).sum();
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (records.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < to.get(partition)) {
          records.add(record);
        }
      }
    }
    return records;
  }

  /** The addresses of every object in the evidence store. */
  Set<String> evidenceObjects() {
    try {
      Set<String> addresses = new TreeSet<>();
      store.list().forEach(o -> addresses.add(o.address()));
      return addresses;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under the evidence store's root, objects and temporary files. */
  List<Path> evidenceFiles() {
    try (Stream<Path> files = Files.walk(Path.of(store.root()))) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Files in the store's temporary directory: writes that were never renamed into place. */
  List<Path> temporaryEvidenceFiles() {
    Path tmp = Path.of(store.root()).resolve("tmp");
    return evidenceFiles().stream().filter(p -> p.startsWith(tmp)).toList();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      // closing anyway
    }
    try {
      app.close();
    } catch (RuntimeException e) {
      // closing anyway
    }
    kafka.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the OS cleans it up eventually
    }
  }
}
