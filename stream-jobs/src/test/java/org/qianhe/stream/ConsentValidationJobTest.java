package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Finding;
import org.qianhe.model.ValidationStatus;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.functions.QuarantineReasons;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

/** The whole job graph on a MiniCluster (parallelism 2), with in-memory source and sinks. */
class ConsentValidationJobTest {

  /** Flink's own test reporter; keeps the final counts after the job has ended. */
  private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .setConfiguration(METRICS.addToConfiguration(new Configuration()))
      .build());

  private final TestConsents consents = new TestConsents(11, Instant.parse("2025-03-10T02:00:00Z"));
  private final CollectingSink<ConsentRecord> index = new CollectingSink<>();
  private final CollectingSink<QuarantinedConsent> quarantine = new CollectingSink<>();
  private final CollectingSink<DuplicateConsent> duplicates = new CollectingSink<>();

  @Test
  void everyRecordEndsInExactlyOneOutput() throws Exception {
    List<ConsentRecord> valid = List.of(consents.valid(), consents.valid(), consents.valid(), consents.valid());
    ConsentRecord late = consents.lateUpload();
    ConsentRecord expired = consents.lotExpired();
    ConsentRecord future = consents.occurredAfterReceived();
    RawConsent undecodable = new RawConsent("not-a-consent", TestConsents.garbage());
    List<RawConsent> input = new ArrayList<>();
    valid.forEach(r -> input.add(TestConsents.raw(r)));
    input.add(TestConsents.raw(valid.get(0)));
    input.add(TestConsents.raw(late));
    input.add(TestConsents.raw(expired));
    input.add(TestConsents.raw(future));
    input.add(undecodable);

    run(input);

    assertThat(index.values()).hasSize(5);
    assertThat(index.values()).extracting(ConsentRecord::getConsentId).doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(ids(valid.get(0), valid.get(1), valid.get(2), valid.get(3), late));
    assertThat(index.values()).filteredOn(r -> r.getConsentId().equals(late.getConsentId())).singleElement()
        .satisfies(r -> {
          assertThat(r.getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.WARNING);
          assertThat(r.getProcessing().getFindings()).extracting(Finding::getCode).containsExactly("LATE_UPLOAD");
        });
    assertThat(index.values()).filteredOn(r -> !r.getConsentId().equals(late.getConsentId()))
        .allSatisfy(r -> assertThat(r.getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.VALID));

    assertThat(duplicates.values()).singleElement().satisfies(d -> {
      assertThat(d.duplicateOf()).isEqualTo(valid.get(0).getConsentId());
      assertThat(d.value()).isEqualTo(ConsentRecordCodec.encode(valid.get(0)));
    });

    assertThat(quarantine.values()).hasSize(3);
    assertThat(quarantine.values()).filteredOn(q -> q.key().equals(expired.getConsentId())).singleElement()
        .satisfies(q -> {
          assertThat(q.reasons()).isEqualTo("LOT_EXPIRED");
          assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(expired));
        });
    assertThat(quarantine.values()).filteredOn(q -> q.key().equals(future.getConsentId())).singleElement()
        .satisfies(q -> assertThat(q.reasons()).isEqualTo("OCCURRED_AFTER_RECEIVED"));
    assertThat(quarantine.values()).filteredOn(q -> q.key().equals("not-a-consent")).singleElement()
        .satisfies(q -> {
          assertThat(q.reasons()).isEqualTo(QuarantineReasons.UNDECODABLE);
          assertThat(q.value()).isEqualTo(TestConsents.garbage());
        });

    // reconciliation: records in = indexed + quarantined + duplicates
    assertThat(index.values().size() + quarantine.values().size() + duplicates.values().size())
        .isEqualTo(input.size());
  }

  @Test
  void countsEveryOutcomeAndReason() throws Exception {
    List<RawConsent> input = new ArrayList<>();
    ConsentRecord kept = consents.valid();
    input.add(TestConsents.raw(kept));
    input.add(TestConsents.raw(kept));
    input.add(TestConsents.raw(consents.valid()));
    input.add(TestConsents.raw(consents.lateUpload()));
    input.add(TestConsents.raw(consents.lotExpired()));
    input.add(TestConsents.raw(consents.lotExpired()));
    input.add(new RawConsent(null, TestConsents.garbage()));

    JobID job = run(input);

    assertThat(count(job, "consent.valid")).isEqualTo(2);
    assertThat(count(job, "consent.warning")).isEqualTo(1);
    assertThat(count(job, "consent.duplicate")).isEqualTo(1);
    assertThat(count(job, "consent.quarantined")).isEqualTo(3);
    assertThat(count(job, "consent.reason.LOT_EXPIRED.count")).isEqualTo(2);
    assertThat(count(job, "consent.reason.LATE_UPLOAD.count")).isEqualTo(1);
    assertThat(count(job, "consent.reason.UNDECODABLE.count")).isEqualTo(1);
  }

  /** The sum over all operators and subtasks of the job's counters whose identifier ends so. */
  private static long count(JobID job, String suffix) {
    long sum = 0;
    for (var group : METRICS.getMetricsByGroup().entrySet()) {
      if (!job.toString().equals(group.getKey().getAllVariables().get("<job_id>"))) {
        continue;
      }
      for (var metric : group.getValue().entrySet()) {
        if (metric.getValue() instanceof Counter counter
            && group.getKey().getMetricIdentifier(metric.getKey()).endsWith("." + suffix)) {
          sum += counter.getCount();
        }
      }
    }
    return sum;
  }

  @Test
  void runsWithoutKryoAndWithAStableUidOnEveryOperator() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ConsentValidationJob.configure(env, StreamJobConfig.defaults());
    job(List.of(TestConsents.raw(consents.valid()))).build(env);

    assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    assertThat(env.getParallelism()).isEqualTo(2);
    assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(Duration.ofSeconds(10).toMillis());
    assertThat(env.getStreamGraph(false).getStreamNodes()).extracting(StreamNode::getTransformationUID)
        .containsExactlyInAnyOrder("consent-raw-source", "decode", "exact-dedup", "validate",
            "elasticsearch-sink", "quarantine-sink", "duplicates-sink");
  }

  private JobID run(List<RawConsent> input) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // generic types off, as in production: a Kryo fallback anywhere would fail this run; short
    // checkpoints, since a bounded job with checkpointing waits for one more before it finishes
    ConsentValidationJob.configure(env, StreamJobConfig.defaults().with(Map.of("checkpoint.interval", "200 ms")));
    job(input).build(env);
    return env.execute("consent-validation-test").getJobID();
  }

  private ConsentValidationJob job(List<RawConsent> input) {
    TypeInformation<RawConsent> type = TypeInformation.of(RawConsent.class);
    DataGeneratorSource<RawConsent> source = new DataGeneratorSource<>(
        new FromElementsGeneratorFunction<>(type, input.toArray(RawConsent[]::new)), input.size(), type);
    return new ConsentValidationJob(source, index, quarantine, duplicates, Duration.ofDays(30),
        TestConsents.CLOCK_SKEW);
  }

  private static String[] ids(ConsentRecord... records) {
    return java.util.Arrays.stream(records).map(ConsentRecord::getConsentId).toArray(String[]::new);
  }
}
