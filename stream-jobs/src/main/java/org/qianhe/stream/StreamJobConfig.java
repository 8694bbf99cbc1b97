package org.qianhe.stream;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.util.ParameterTool;
import org.apache.flink.util.TimeUtils;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.qianhe.model.kafka.Topics;
import org.qianhe.stream.dedup.DedupWindows;
import org.qianhe.stream.elasticsearch.ElasticsearchIndexSettings;

/**
 * Every setting of the stream jobs, typed, defaulted, validated and described in one place. Built
 * from {@code --key value} arguments ({@code flink run}), a properties file or a map (the in-process
 * launcher). Unknown keys are refused: a typo must not silently fall back to a default.
 */
public record StreamJobConfig(
    String bootstrapServers,
    String groupId,
    String rawTopic,
    String quarantineTopic,
    String duplicatesTopic,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    DeliveryGuarantee deliveryGuarantee,
    String elasticsearchUrl,
    String elasticsearchAlias,
    int bulkMaxActions,
    Duration bulkFlushInterval,
    int bulkMaxRetries,
    int bulkConcurrentRequests,
    int indexMaxPending,
    Duration indexRetryInterval,
    String stagingRoot,
    CompressionCodecName stagingCompression,
    Duration checkpointInterval,
    String checkpointDir,
    String stateBackend,
    Duration dedupTtl,
    Duration semanticDedupTtl,
    DedupWindows dedupWindows,
    Duration allowedClockSkew,
    int parallelism) implements Serializable {

  /** Kafka brokers cap transactions at {@code transaction.max.timeout.ms}, 15 minutes by default. */
  static final Duration BROKER_TRANSACTION_CAP = Duration.ofMinutes(15);

  /** One configuration key: its name, its default (as it would be written) and what it does. */
  public record Key(String name, String defaultValue, String description) {}

  public static final Key BOOTSTRAP_SERVERS = new Key("kafka.bootstrap-servers", "localhost:9092",
      "Kafka brokers to read consent.raw from and write quarantine and duplicates to.");
  public static final Key GROUP_ID = new Key("kafka.group-id", "qianhe-stream",
      "Consumer group of the source; offsets are committed on checkpoints, a new group starts at the earliest offset.");
  public static final Key RAW_TOPIC = new Key("topic.raw", Topics.RAW,
      "Topic of consents as ingest accepted them (Avro single-object values, key = consentId).");
  public static final Key QUARANTINE_TOPIC = new Key("topic.quarantine", Topics.QUARANTINE,
      "Topic for undecodable and invalid consents: original bytes, reason codes in a header.");
  public static final Key DUPLICATES_TOPIC = new Key("topic.duplicates", Topics.DUPLICATES,
      "Topic for repeated consents: original bytes, the consentId kept in a header.");
  public static final Key TRANSACTIONAL_ID_PREFIX = new Key("kafka.transactional-id-prefix", "qianhe-stream-validation",
      "Prefix of the Kafka transactional ids of the exactly-once sinks; unique per job on a cluster.");
  public static final Key TRANSACTION_TIMEOUT = new Key("kafka.transaction-timeout", "10 min",
      "transaction.timeout.ms of the exactly-once sinks: above checkpoint plus restart time, at most the broker cap (15 min).");
  public static final Key DELIVERY_GUARANTEE = new Key("kafka.delivery-guarantee", "EXACTLY_ONCE",
      "EXACTLY_ONCE (Kafka transactions, needs checkpointing) or AT_LEAST_ONCE for quarantine and duplicates.");
  public static final Key ELASTICSEARCH_URL = new Key("elasticsearch.url", "http://localhost:9200",
      "Elasticsearch the valid consents are indexed into (alias consents, _id = consentId).");
  public static final Key ELASTICSEARCH_ALIAS = new Key("elasticsearch.alias", "consents",
      "Write alias the documents go to; it must exist as an alias (the sink creates the standard one on a fresh cluster).");
  public static final Key BULK_MAX_ACTIONS = new Key("elasticsearch.bulk-max-actions", "1000",
      "Documents per bulk request.");
  public static final Key BULK_FLUSH_INTERVAL = new Key("elasticsearch.bulk-flush-interval", "1 s",
      "A partly filled bulk request is sent after this long (checkpoints flush anyway); 0 = only when full.");
  public static final Key BULK_MAX_RETRIES = new Key("elasticsearch.bulk-max-retries", "5",
      "Retries (exponential back-off from 100 ms) of the shared bulk writer for 429/503 and I/O errors; after them the index operator holds the documents and resends them (elasticsearch.outage-retry-interval).");
  public static final Key BULK_CONCURRENT_REQUESTS = new Key("elasticsearch.bulk-concurrent-requests", "1",
      "Bulk requests each parallel index operator may have in flight; more hides network latency, ES CPU is the usual limit.");
  public static final Key INDEX_MAX_PENDING = new Key("elasticsearch.max-pending", "5000",
      "Documents a parallel index operator holds until Elasticsearch acknowledges them; then it waits (back-pressure).");
  public static final Key INDEX_RETRY_INTERVAL = new Key("elasticsearch.outage-retry-interval", "2 s",
      "While Elasticsearch is unreachable or overloaded, documents are sent again this often; nothing is dropped meanwhile.");
  public static final Key STAGING_ROOT = new Key("staging.root", "file:///var/tmp/qianhe",
      "Hadoop FileSystem URI of the archive root; valid consents are committed as Parquet under <root>/staging/region=…/date=….");
  public static final Key STAGING_COMPRESSION = new Key("staging.compression", "SNAPPY",
      "Parquet codec of the staged files (UNCOMPRESSED, SNAPPY, ZSTD, GZIP); the nightly compaction rewrites them anyway.");
  public static final Key CHECKPOINT_INTERVAL = new Key("checkpoint.interval", "10 s",
      "How often state, offsets, Kafka transactions, staged files and Elasticsearch bulks are committed; must be above 0.");
  public static final Key CHECKPOINT_DIR = new Key("checkpoint.dir", "file:///var/tmp/qianhe/checkpoints",
      "Durable checkpoint storage (retained on cancellation, so an upgrade can restore from it); 'none' keeps them in the JobManager.");
  public static final Key STATE_BACKEND = new Key("state.backend", "rocksdb",
      "rocksdb (dedup state on disk, incremental checkpoints, TTL cleanup by its compaction filter) or hashmap (on the heap).");
  public static final Key DEDUP_TTL = new Key("dedup.ttl", "30 d",
      "How long a kept consentId is remembered for exact deduplication, from its first occurrence (at least 30 days).");
  public static final Key SEMANTIC_DEDUP_TTL = new Key("dedup.semantic-ttl", "180 d",
      "How long a kept vaccination (child, vaccine, dose, site, day) is remembered, e.g. for a paper copy scanned later.");
  public static final Key DEDUP_WINDOWS = new Key("dedup.windows", "*=0 d",
      "Days apart two records of one vaccination may be, per vaccine family: '*=0 d,MMR=2 d' (0 = same day); capped below a schedule's shortest dose gap.");
  public static final Key CLOCK_SKEW = new Key("validation.clock-skew", "5 min",
      "How far occurredAt (terminal clock) may be after receivedAt (server clock) before it is an error.");
  public static final Key PARALLELISM = new Key("parallelism", "2",
      "Parallelism of every operator of the job.");

  public static final List<Key> KEYS = List.of(BOOTSTRAP_SERVERS, GROUP_ID, RAW_TOPIC, QUARANTINE_TOPIC,
      DUPLICATES_TOPIC, TRANSACTIONAL_ID_PREFIX, TRANSACTION_TIMEOUT, DELIVERY_GUARANTEE, ELASTICSEARCH_URL,
      ELASTICSEARCH_ALIAS, BULK_MAX_ACTIONS, BULK_FLUSH_INTERVAL, BULK_MAX_RETRIES, BULK_CONCURRENT_REQUESTS, INDEX_MAX_PENDING, INDEX_RETRY_INTERVAL,
      STAGING_ROOT, STAGING_COMPRESSION, CHECKPOINT_INTERVAL, CHECKPOINT_DIR, STATE_BACKEND, DEDUP_TTL, SEMANTIC_DEDUP_TTL,
      DEDUP_WINDOWS, CLOCK_SKEW, PARALLELISM);

  /** The smallest exact-dedup memory the issue allows: terminals retry within days, replays within weeks. */
  static final Duration MIN_DEDUP_TTL = Duration.ofDays(30);
  static final String NO_CHECKPOINT_DIR = "none";
  static final List<String> STATE_BACKENDS = List.of("rocksdb", "hashmap");

  public StreamJobConfig {
    requireText(bootstrapServers, BOOTSTRAP_SERVERS);
    requireText(groupId, GROUP_ID);
    requireText(rawTopic, RAW_TOPIC);
    requireText(quarantineTopic, QUARANTINE_TOPIC);
    requireText(duplicatesTopic, DUPLICATES_TOPIC);
    requireText(transactionalIdPrefix, TRANSACTIONAL_ID_PREFIX);
    requireText(elasticsearchUrl, ELASTICSEARCH_URL);
    requireText(elasticsearchAlias, ELASTICSEARCH_ALIAS);
    require(bulkMaxActions >= 1, BULK_MAX_ACTIONS, "must be at least 1");
    require(!bulkFlushInterval.isNegative(), BULK_FLUSH_INTERVAL, "must not be negative");
    require(bulkMaxRetries >= 0, BULK_MAX_RETRIES, "must not be negative");
    require(bulkConcurrentRequests >= 1, BULK_CONCURRENT_REQUESTS, "must be at least 1");
    require(indexMaxPending >= 1, INDEX_MAX_PENDING, "must be at least 1");
    require(!indexRetryInterval.isNegative() && !indexRetryInterval.isZero(), INDEX_RETRY_INTERVAL, "must be positive");
    requireText(stagingRoot, STAGING_ROOT);
    require(stagingRoot.contains("://"), STAGING_ROOT, "must be a FileSystem URI such as file:///var/tmp/qianhe or hdfs://nn:8020/qianhe");
    requireText(checkpointDir, CHECKPOINT_DIR);
    require(STATE_BACKENDS.contains(stateBackend), STATE_BACKEND, "must be one of " + STATE_BACKENDS);
    require(parallelism >= 1, PARALLELISM, "must be at least 1");
    require(dedupTtl.compareTo(MIN_DEDUP_TTL) >= 0, DEDUP_TTL, "must be at least 30 days");
    require(!semanticDedupTtl.isNegative() && !semanticDedupTtl.isZero(), SEMANTIC_DEDUP_TTL, "must be positive");
    require(!allowedClockSkew.isNegative(), CLOCK_SKEW, "must not be negative");
    // staged files are committed on checkpoints only: without them nothing would ever be archived
    require(!checkpointInterval.isNegative() && !checkpointInterval.isZero(), CHECKPOINT_INTERVAL,
        "must be above 0: staged files, offsets and Kafka transactions are committed on checkpoints");
    // NONE could lose quarantined or duplicate records, which must never be dropped
    require(deliveryGuarantee != DeliveryGuarantee.NONE, DELIVERY_GUARANTEE, "must be EXACTLY_ONCE or AT_LEAST_ONCE");
    if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      require(checkpointingEnabled(checkpointInterval), DELIVERY_GUARANTEE,
          "EXACTLY_ONCE commits on checkpoints: set " + CHECKPOINT_INTERVAL.name() + " above 0 or use AT_LEAST_ONCE");
      require(transactionTimeout.compareTo(checkpointInterval) > 0, TRANSACTION_TIMEOUT,
          "must be longer than " + CHECKPOINT_INTERVAL.name());
      require(transactionTimeout.compareTo(BROKER_TRANSACTION_CAP) <= 0, TRANSACTION_TIMEOUT,
          "must not exceed the brokers' transaction.max.timeout.ms (15 min by default)");
    }
  }

  public static StreamJobConfig defaults() {
    return fromMap(Map.of());
  }

  /** From {@code --key value} program arguments. */
  public static StreamJobConfig fromArgs(String[] args) {
    return fromMap(ParameterTool.fromArgs(args).toMap());
  }

  public static StreamJobConfig fromProperties(Properties properties) {
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    return fromMap(values);
  }

  /** Keys not given take their default. */
  public static StreamJobConfig fromMap(Map<String, String> values) {
    TreeSet<String> unknown = new TreeSet<>(values.keySet());
    KEYS.forEach(key -> unknown.remove(key.name()));
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown stream job settings " + unknown + "; known:\n" + describe());
    }
    Map<String, String> v = new HashMap<>();
    KEYS.forEach(key -> v.put(key.name(), values.getOrDefault(key.name(), key.defaultValue()).trim()));
    return new StreamJobConfig(
        v.get(BOOTSTRAP_SERVERS.name()),
        v.get(GROUP_ID.name()),
        v.get(RAW_TOPIC.name()),
        v.get(QUARANTINE_TOPIC.name()),
        v.get(DUPLICATES_TOPIC.name()),
        v.get(TRANSACTIONAL_ID_PREFIX.name()),
        parse(v, TRANSACTION_TIMEOUT, TimeUtils::parseDuration),
        parse(v, DELIVERY_GUARANTEE, DeliveryGuarantee::valueOf),
        v.get(ELASTICSEARCH_URL.name()),
        v.get(ELASTICSEARCH_ALIAS.name()),
        parse(v, BULK_MAX_ACTIONS, Integer::valueOf),
        parse(v, BULK_FLUSH_INTERVAL, TimeUtils::parseDuration),
        parse(v, BULK_MAX_RETRIES, Integer::valueOf),
        parse(v, BULK_CONCURRENT_REQUESTS, Integer::valueOf),
        parse(v, INDEX_MAX_PENDING, Integer::valueOf),
        parse(v, INDEX_RETRY_INTERVAL, TimeUtils::parseDuration),
        v.get(STAGING_ROOT.name()),
        parse(v, STAGING_COMPRESSION, CompressionCodecName::valueOf),
        parse(v, CHECKPOINT_INTERVAL, TimeUtils::parseDuration),
        v.get(CHECKPOINT_DIR.name()),
        v.get(STATE_BACKEND.name()),
        parse(v, DEDUP_TTL, TimeUtils::parseDuration),
        parse(v, SEMANTIC_DEDUP_TTL, TimeUtils::parseDuration),
        parse(v, DEDUP_WINDOWS, DedupWindows::parse),
        parse(v, CLOCK_SKEW, TimeUtils::parseDuration),
        parse(v, PARALLELISM, Integer::valueOf));
  }

  /** This configuration as key/value strings; {@code fromMap(toMap())} gives it back. */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(BOOTSTRAP_SERVERS.name(), bootstrapServers);
    map.put(GROUP_ID.name(), groupId);
    map.put(RAW_TOPIC.name(), rawTopic);
    map.put(QUARANTINE_TOPIC.name(), quarantineTopic);
    map.put(DUPLICATES_TOPIC.name(), duplicatesTopic);
    map.put(TRANSACTIONAL_ID_PREFIX.name(), transactionalIdPrefix);
    map.put(TRANSACTION_TIMEOUT.name(), TimeUtils.formatWithHighestUnit(transactionTimeout));
    map.put(DELIVERY_GUARANTEE.name(), deliveryGuarantee.name());
    map.put(ELASTICSEARCH_URL.name(), elasticsearchUrl);
    map.put(ELASTICSEARCH_ALIAS.name(), elasticsearchAlias);
    map.put(BULK_MAX_ACTIONS.name(), Integer.toString(bulkMaxActions));
    map.put(BULK_FLUSH_INTERVAL.name(), TimeUtils.formatWithHighestUnit(bulkFlushInterval));
    map.put(BULK_MAX_RETRIES.name(), Integer.toString(bulkMaxRetries));
    map.put(BULK_CONCURRENT_REQUESTS.name(), Integer.toString(bulkConcurrentRequests));
    map.put(INDEX_MAX_PENDING.name(), Integer.toString(indexMaxPending));
    map.put(INDEX_RETRY_INTERVAL.name(), TimeUtils.formatWithHighestUnit(indexRetryInterval));
    map.put(STAGING_ROOT.name(), stagingRoot);
    map.put(STAGING_COMPRESSION.name(), stagingCompression.name());
    map.put(CHECKPOINT_INTERVAL.name(), TimeUtils.formatWithHighestUnit(checkpointInterval));
    map.put(CHECKPOINT_DIR.name(), checkpointDir);
    map.put(STATE_BACKEND.name(), stateBackend);
    map.put(DEDUP_TTL.name(), TimeUtils.formatWithHighestUnit(dedupTtl));
    map.put(SEMANTIC_DEDUP_TTL.name(), TimeUtils.formatWithHighestUnit(semanticDedupTtl));
    map.put(DEDUP_WINDOWS.name(), dedupWindows.spec());
    map.put(CLOCK_SKEW.name(), TimeUtils.formatWithHighestUnit(allowedClockSkew));
    map.put(PARALLELISM.name(), Integer.toString(parallelism));
    return map;
  }

  /** A copy with some settings replaced, e.g. test topics. */
  public StreamJobConfig with(Map<String, String> overrides) {
    Map<String, String> map = toMap();
    map.putAll(overrides);
    return fromMap(map);
  }

  public ElasticsearchIndexSettings elasticsearch() {
    return new ElasticsearchIndexSettings(elasticsearchUrl, elasticsearchAlias, bulkMaxActions, bulkFlushInterval,
        bulkMaxRetries, bulkConcurrentRequests);
  }

  /** Always true now (checkpoint.interval must be above 0); kept for callers of the first version. */
  public boolean checkpointingEnabled() {
    return checkpointingEnabled(checkpointInterval);
  }

  /** Durable checkpoint storage, if configured. */
  public java.util.Optional<String> durableCheckpointDir() {
    return NO_CHECKPOINT_DIR.equals(checkpointDir) ? java.util.Optional.empty() : java.util.Optional.of(checkpointDir);
  }

  /** One line per key: name, default, description; for {@code --help} and error messages. */
  public static String describe() {
    return KEYS.stream()
        .map(key -> String.format("  --%-32s %-24s %s", key.name(), "(" + key.defaultValue() + ")", key.description()))
        .collect(Collectors.joining("\n"));
  }

  private static boolean checkpointingEnabled(Duration interval) {
    return !interval.isZero();
  }

  private static <T> T parse(Map<String, String> values, Key key, Function<String, T> parser) {
    String value = values.get(key.name());
    try {
      return parser.apply(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key.name() + ": cannot read '" + value + "' (" + key.description() + ")", e);
    }
  }

  private static void requireText(String value, Key key) {
    require(value != null && !value.isBlank(), key, "must not be blank");
  }

  private static void require(boolean condition, Key key, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(key.name() + " " + problem);
    }
  }
}
