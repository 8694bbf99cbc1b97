package org.qianhe.stream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.qianhe.model.ConsentRecord;
import org.qianhe.stream.dedup.SemanticDedup;
import org.qianhe.stream.dedup.SemanticKey;
import org.qianhe.stream.elasticsearch.ElasticsearchIndexFactory;
import org.qianhe.stream.functions.DecodeConsent;
import org.qianhe.stream.functions.ExactDedup;
import org.qianhe.stream.functions.ValidateConsent;
import org.qianhe.stream.index.ConsentIndexFactory;
import org.qianhe.stream.index.IndexConsents;
import org.qianhe.stream.kafka.ConsentTopics;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.IndexAction;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;
import org.qianhe.stream.staging.StagingSink;

/**
 * consent.raw → decode → validate → exact dedup on consentId → semantic dedup → index → staging,
 * with undecodable, invalid and index-refused consents to the quarantine topic and repeated ones to
 * the duplicates topic, each with its original bytes. Nothing is dropped: every record read ends in
 * exactly one of staging (and the index), quarantine or duplicates.
 *
 * <p>The job takes its source, index and sinks as arguments, so a test runs the same graph on
 * collections; {@link #production(StreamJobConfig)} wires Kafka, Elasticsearch and the staging
 * FileSystem. Operator uids are stable names: changing one orphans its state in a savepoint.
 */
public final class ConsentValidationJob {

  public static final String JOB_NAME = "qianhe-consent-validation";

  /** The stable operator uids, in graph order; a savepoint maps state to operators by them. */
  public static final String UID_SOURCE = "consent-raw-source";
  public static final String UID_DECODE = "decode";
  public static final String UID_VALIDATE = "validate";
  public static final String UID_EXACT_DEDUP = "exact-dedup";
  public static final String UID_SEMANTIC_DEDUP = "semantic-dedup";
  public static final String UID_INDEX = "elasticsearch-index";
  public static final String UID_STAGING = "staging-sink";
  public static final String UID_QUARANTINE = "quarantine-sink";
  public static final String UID_DUPLICATES = "duplicates-sink";

  private final Source<RawConsent, ?, ?> source;
  private final ConsentIndexFactory index;
  private final Sink<ConsentRecord> stagingSink;
  private final Sink<QuarantinedConsent> quarantineSink;
  private final Sink<DuplicateConsent> duplicatesSink;
  private final StreamJobConfig config;

  /**
   * @param config the processing settings (TTLs, windows, clock skew, index batching); its
   *               connection settings are not used here, the connectors are given
   */
  public ConsentValidationJob(Source<RawConsent, ?, ?> source, ConsentIndexFactory index,
      Sink<ConsentRecord> stagingSink, Sink<QuarantinedConsent> quarantineSink, Sink<DuplicateConsent> duplicatesSink,
      StreamJobConfig config) {
    this.source = source;
    this.index = index;
    this.stagingSink = stagingSink;
    this.quarantineSink = quarantineSink;
    this.duplicatesSink = duplicatesSink;
    this.config = config;
  }

  /** The job on Kafka, Elasticsearch and the staging FileSystem, as configured. */
  public static ConsentValidationJob production(StreamJobConfig config) {
    return new ConsentValidationJob(
        ConsentTopics.rawSource(config),
        new ElasticsearchIndexFactory(config.elasticsearch()),
        StagingSink.create(config.stagingRoot(), config.stagingCompression()),
        ConsentTopics.quarantineSink(config),
        ConsentTopics.duplicatesSink(config),
        config);
  }

  /** Adds the job's operators to the environment; running it is the caller's choice. */
  public void build(StreamExecutionEnvironment env) {
    SingleOutputStreamOperator<DecodedConsent> decoded = env
        .fromSource(source, WatermarkStrategy.noWatermarks(), "consent.raw")
        .uid(UID_SOURCE)
        .process(new DecodeConsent())
        .name("decode")
        .uid(UID_DECODE);

    SingleOutputStreamOperator<DecodedConsent> valid = decoded
        .process(new ValidateConsent(config.allowedClockSkew()))
        .name("validate")
        .uid(UID_VALIDATE);

    SingleOutputStreamOperator<DecodedConsent> firstSeen = valid
        .keyBy(DecodedConsent::consentId)
        .process(new ExactDedup(config.dedupTtl()))
        .name("exact-dedup")
        .uid(UID_EXACT_DEDUP);

    SingleOutputStreamOperator<IndexAction> kept = firstSeen
        .keyBy(consent -> SemanticKey.of(consent.record()))
        .process(new SemanticDedup(config.semanticDedupTtl(), config.dedupWindows()))
        .name("semantic-dedup")
        .uid(UID_SEMANTIC_DEDUP);

    SingleOutputStreamOperator<ConsentRecord> indexed = kept
        .transform("elasticsearch-index", TypeInformation.of(ConsentRecord.class),
            new IndexConsents(index, config.indexMaxPending(), config.indexRetryInterval()))
        .uid(UID_INDEX);

    indexed.sinkTo(stagingSink).name("staging").uid(UID_STAGING);

    DataStream<QuarantinedConsent> quarantined = decoded.getSideOutput(DecodeConsent.UNDECODABLE)
        .union(valid.getSideOutput(ValidateConsent.INVALID), indexed.getSideOutput(IndexConsents.REFUSED));
    quarantined.sinkTo(quarantineSink).name("consent.quarantine").uid(UID_QUARANTINE);

    firstSeen.getSideOutput(ExactDedup.DUPLICATES)
        .union(kept.getSideOutput(SemanticDedup.DUPLICATES))
        .sinkTo(duplicatesSink).name("consent.duplicates").uid(UID_DUPLICATES);
  }

  /**
   * Parallelism, checkpointing, state backend and the no-Kryo guard. Generic types are disabled so
   * that a type Flink cannot serialize natively fails when the job is built, not at the first
   * shuffle on Java 17 (DESIGN.md section 12); ConsentRecord goes through flink-avro's
   * AvroSerializer. Checkpoints are retained on cancellation, so an upgraded job can start from
   * the last one when no savepoint was taken.
   */
  public static void configure(StreamExecutionEnvironment env, StreamJobConfig config) {
    env.configure(flinkConfiguration(config), ConsentValidationJob.class.getClassLoader());
    env.setParallelism(config.parallelism());
    env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
  }

  /** The Flink settings the job needs, also for a test's MiniCluster. */
  public static Configuration flinkConfiguration(StreamJobConfig config) {
    Configuration flink = new Configuration();
    flink.set(PipelineOptions.GENERIC_TYPES, false);
    flink.set(PipelineOptions.NAME, JOB_NAME);
    flink.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
    // dedup state grows with the archive: only the changed RocksDB files go into each checkpoint
    flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    config.durableCheckpointDir().ifPresent(dir -> {
      flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
      flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    });
    return flink;
  }

  /**
   * Starts the production job without waiting for it, for the in-process pipeline. In a plain JVM
   * the environment is a local MiniCluster of its own (stopped when the job ends); under
   * {@code flink run} or a test's MiniClusterExtension it is that cluster. Cancel the returned
   * client at shutdown.
   */
  public static JobClient startDetached(StreamJobConfig config) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env, config);
    production(config).build(env);
    return env.executeAsync(JOB_NAME);
  }

  /** {@code flink run qianhe-stream-jobs-job.jar --kafka.bootstrap-servers ... --elasticsearch.url ...} */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
      System.out.println("Settings (--key value):\n" + StreamJobConfig.describe());
      return;
    }
    StreamJobConfig config = StreamJobConfig.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env, config);
    production(config).build(env);
    env.execute(JOB_NAME);
  }
}
