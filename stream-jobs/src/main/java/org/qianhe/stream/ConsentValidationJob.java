package org.qianhe.stream;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.qianhe.model.ConsentRecord;
import org.qianhe.stream.elasticsearch.ElasticsearchConsentSink;
import org.qianhe.stream.functions.DecodeConsent;
import org.qianhe.stream.functions.ExactDedup;
import org.qianhe.stream.functions.ValidateConsent;
import org.qianhe.stream.kafka.ConsentTopics;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

/**
 * consent.raw → decode → exact dedup on consentId → validate → Elasticsearch, with undecodable and
 * invalid consents to the quarantine topic and repeated ones to the duplicates topic, each with
 * its original bytes. Nothing is dropped: every record read ends in exactly one of the three.
 *
 * <p>The job takes its source and sinks as arguments, so a test runs the same graph on collections;
 * {@link #production(StreamJobConfig)} wires Kafka and Elasticsearch. Operator uids are stable
 * names: changing one orphans its state in a savepoint.
 */
public final class ConsentValidationJob {

  public static final String JOB_NAME = "qianhe-consent-validation";

  private final Source<RawConsent, ?, ?> source;
  private final Sink<ConsentRecord> indexSink;
  private final Sink<QuarantinedConsent> quarantineSink;
  private final Sink<DuplicateConsent> duplicatesSink;
  private final Duration dedupTtl;
  private final Duration allowedClockSkew;

  public ConsentValidationJob(Source<RawConsent, ?, ?> source, Sink<ConsentRecord> indexSink,
      Sink<QuarantinedConsent> quarantineSink, Sink<DuplicateConsent> duplicatesSink,
      Duration dedupTtl, Duration allowedClockSkew) {
    this.source = source;
    this.indexSink = indexSink;
    this.quarantineSink = quarantineSink;
    this.duplicatesSink = duplicatesSink;
    this.dedupTtl = dedupTtl;
    this.allowedClockSkew = allowedClockSkew;
  }

  /** The job on Kafka and Elasticsearch, as configured. */
  public static ConsentValidationJob production(StreamJobConfig config) {
    return new ConsentValidationJob(
        ConsentTopics.rawSource(config),
        new ElasticsearchConsentSink(config.elasticsearch()),
        ConsentTopics.quarantineSink(config),
        ConsentTopics.duplicatesSink(config),
        config.dedupTtl(),
        config.allowedClockSkew());
  }

  /** Adds the job's operators to the environment; running it is the caller's choice. */
  public void build(StreamExecutionEnvironment env) {
    SingleOutputStreamOperator<DecodedConsent> decoded = env
        .fromSource(source, WatermarkStrategy.noWatermarks(), "consent.raw")
        .uid("consent-raw-source")
        .process(new DecodeConsent())
        .name("decode")
        .uid("decode");

    SingleOutputStreamOperator<DecodedConsent> firstSeen = decoded
        .keyBy(DecodedConsent::consentId)
        .process(new ExactDedup(dedupTtl))
        .name("exact-dedup")
        .uid("exact-dedup");

    SingleOutputStreamOperator<ConsentRecord> valid = firstSeen
        .process(new ValidateConsent(allowedClockSkew))
        .name("validate")
        .uid("validate");

    valid.sinkTo(indexSink).name("elasticsearch").uid("elasticsearch-sink");

    DataStream<QuarantinedConsent> quarantined = decoded.getSideOutput(DecodeConsent.UNDECODABLE)
        .union(valid.getSideOutput(ValidateConsent.INVALID));
    quarantined.sinkTo(quarantineSink).name("consent.quarantine").uid("quarantine-sink");

    firstSeen.getSideOutput(ExactDedup.DUPLICATES)
        .sinkTo(duplicatesSink).name("consent.duplicates").uid("duplicates-sink");
  }

  /**
   * Parallelism, checkpointing and the no-Kryo guard. Generic types are disabled so that a type
   * Flink cannot serialize natively fails when the job is built, not at the first shuffle on
   * Java 17 (DESIGN.md section 12); ConsentRecord goes through flink-avro's AvroSerializer.
   */
  public static void configure(StreamExecutionEnvironment env, StreamJobConfig config) {
    Configuration flink = new Configuration();
    flink.set(PipelineOptions.GENERIC_TYPES, false);
    flink.set(PipelineOptions.NAME, JOB_NAME);
    env.configure(flink, ConsentValidationJob.class.getClassLoader());
    env.setParallelism(config.parallelism());
    if (config.checkpointingEnabled()) {
      env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    }
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

  /** {@code flink run qianhe-stream-jobs.jar --kafka.bootstrap-servers ... --elasticsearch.url ...} */
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
