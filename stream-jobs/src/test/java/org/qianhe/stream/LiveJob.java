package org.qianhe.stream;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.stream.elasticsearch.ElasticsearchIndexFactory;
import org.qianhe.stream.index.ConsentIndexFactory;
import org.qianhe.stream.kafka.ConsentTopics;
import org.qianhe.stream.staging.StagedFiles;
import org.qianhe.stream.staging.StagingSink;

/**
 * The production job wired to the real local stack for one test: its own topics, consumer group,
 * transactional ids and staging root, the shared Elasticsearch node (documents are told apart by
 * consentId). Reads back what a downstream consumer would see: committed quarantine and duplicates,
 * committed staged files, searchable documents.
 */
public final class LiveJob implements AutoCloseable {

  private final Path root;
  private final StreamJobConfig config;
  private final KafkaProducer<byte[], byte[]> producer;
  private final CommittedRecords quarantine;
  private final CommittedRecords duplicates;

  /** Creates the job's topics first, so that the readers see their partitions. */
  public static LiveJob on(LocalStack stack, Path root, Map<String, String> overrides) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> settings = new HashMap<>(Map.of(
        "kafka.bootstrap-servers", stack.kafka().bootstrapServers(),
        "kafka.group-id", "qianhe-stream-it-" + run,
        "kafka.transactional-id-prefix", "qianhe-stream-it-" + run,
        "topic.raw", "it-" + run + ".raw",
        "topic.quarantine", "it-" + run + ".quarantine",
        "topic.duplicates", "it-" + run + ".duplicates",
        "elasticsearch.url", stack.elasticsearch().httpUrl(),
        "staging.root", root.toUri().toString(),
        "checkpoint.dir", "none",
        "checkpoint.interval", "1 s"));
    settings.putAll(overrides);
    StreamJobConfig config = StreamJobConfig.defaults().with(settings);
    stack.kafka().createTopics(2, config.rawTopic(), config.quarantineTopic(), config.duplicatesTopic());
    return new LiveJob(root, config);
  }

  private LiveJob(Path root, StreamJobConfig config) {
    this.root = root;
    this.config = config;
    String bootstrap = config.bootstrapServers();
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.LINGER_MS_CONFIG, "5"),
        new ByteArraySerializer(), new ByteArraySerializer());
    this.quarantine = new CommittedRecords(bootstrap, config.quarantineTopic());
    this.duplicates = new CommittedRecords(bootstrap, config.duplicatesTopic());
  }

  public StreamJobConfig config() {
    return config;
  }

  /** Starts the production job (with another index if given), with the given Flink settings (restarts, savepoint). */
  public JobClient start(StreamJobConfig jobConfig, ConsentIndexFactory index, Configuration flink) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    ConsentValidationJob.configure(env, jobConfig);
    new ConsentValidationJob(ConsentTopics.rawSource(jobConfig),
        index != null ? index : new ElasticsearchIndexFactory(jobConfig.elasticsearch()),
        StagingSink.create(jobConfig.stagingRoot(), jobConfig.stagingCompression()),
        ConsentTopics.quarantineSink(jobConfig), ConsentTopics.duplicatesSink(jobConfig), jobConfig).build(env);
    return env.executeAsync(ConsentValidationJob.JOB_NAME);
  }

  public JobClient start() throws Exception {
    return start(config, null, new Configuration());
  }

  /** Flink settings for a job that restarts from its last checkpoint after a failure. */
  public static Configuration restarting(int attempts) {
    Configuration flink = new Configuration();
    flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, attempts);
    flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    return flink;
  }

  public static Configuration fromSavepoint(String path) {
    Configuration flink = restarting(3);
    flink.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
    return flink;
  }

  public void send(ConsentRecord record) {
    send(record.getConsentId(), ConsentRecordCodec.encode(record));
  }

  public void send(String key, byte[] value) {
    producer.send(new ProducerRecord<>(config.rawTopic(), key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
  }

  public void flush() {
    producer.flush();
  }

  public List<String> quarantinedKeys() {
    return keys(quarantine.poll(Duration.ofMillis(200)));
  }

  public List<String> duplicateKeys() {
    return keys(duplicates.poll(Duration.ofMillis(200)));
  }

  public List<ConsumerRecord<byte[], byte[]>> duplicates() {
    return duplicates.poll(Duration.ofMillis(200));
  }

  public List<String> stagedIds() {
    return StagedFiles.read(root).stream().map(StagedFiles.Staged::consentId).toList();
  }

  /** How many of these consentIds Elasticsearch can find (after a refresh). */
  public long searchable(String elasticsearchUrl, List<String> ids) {
    try (ConsentIndexClient index = ConsentIndexClient.connect(elasticsearchUrl)) {
      if (!index.aliasExists() || ids.isEmpty()) {
        return 0;
      }
      index.refresh();
      long found = 0;
      for (int from = 0; from < ids.size(); from += 5000) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 5000));
        found += index.client().count(c -> c.index(ConsentIndexClient.ALIAS)
            .query(Query.of(q -> q.ids(i -> i.values(chunk))))).count();
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls until the condition holds or the time is up; true if it held. */
  public static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(250);
    }
    return condition.getAsBoolean();
  }

  private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> keys = new ArrayList<>();
    records.forEach(r -> keys.add(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8)));
    return keys;
  }

  @Override
  public void close() {
    producer.close();
    quarantine.close();
    duplicates.close();
  }
}
