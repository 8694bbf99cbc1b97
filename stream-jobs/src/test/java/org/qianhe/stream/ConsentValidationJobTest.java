package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
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
import org.qianhe.model.validation.ReasonCode;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

/** The whole job graph on a MiniCluster (parallelism 2), with in-memory source, index and sinks. */
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
  private final InMemoryIndex index = new InMemoryIndex();
  private final CollectingSink<ConsentRecord> staging = new CollectingSink<>();
  private final CollectingSink<QuarantinedConsent> quarantine = new CollectingSink<>();
  private final CollectingSink<DuplicateConsent> duplicates = new CollectingSink<>();

  @Test
  void everyRecordEndsInExactlyOneOutput() throws Exception {
    List<ConsentRecord> valid = List.of(consents.valid(), consents.valid(), consents.valid(), consents.valid());
    ConsentRecord late = consents.lateUpload();
    ConsentRecord expired = consents.lotExpired();
    ConsentRecord future = consents.occurredAfterReceived();
    ConsentRecord sameVaccination = TestConsents.sameVaccinationAgain(valid.get(1));
    ConsentRecord refused = consents.valid();
    refused.setSiteCode(InMemoryIndex.REFUSED_SITE);
    RawConsent undecodable = new RawConsent("not-a-consent", TestConsents.garbage());
    List<RawConsent> input = new ArrayList<>();
    valid.forEach(r -> input.add(TestConsents.raw(r)));
    input.add(TestConsents.raw(valid.get(0)));
    input.add(TestConsents.raw(late));
    input.add(TestConsents.raw(expired));
    input.add(TestConsents.raw(future));
    input.add(TestConsents.raw(sameVaccination));
    input.add(TestConsents.raw(refused));
    input.add(undecodable);

    run(input);

    // valid.get(1) and sameVaccination are one vaccination: whichever the job saw first is kept
    List<String> stagedIds = staging.values().stream().map(ConsentRecord::getConsentId).toList();
    String keptOfPair = stagedIds.contains(valid.get(1).getConsentId())
        ? valid.get(1).getConsentId() : sameVaccination.getConsentId();
    String otherOfPair = keptOfPair.equals(sameVaccination.getConsentId())
        ? valid.get(1).getConsentId() : sameVaccination.getConsentId();
    assertThat(stagedIds).doesNotHaveDuplicates().containsExactlyInAnyOrder(
        valid.get(0).getConsentId(), keptOfPair, valid.get(2).getConsentId(), valid.get(3).getConsentId(),
        late.getConsentId());
    assertThat(index.documents().keySet()).containsExactlyInAnyOrderElementsOf(stagedIds);
    assertThat(staging.values()).filteredOn(r -> r.getConsentId().equals(late.getConsentId())).singleElement()
        .satisfies(r -> {
          assertThat(r.getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.WARNING);
          assertThat(r.getProcessing().getFindings()).extracting(Finding::getCode).containsExactly("LATE_UPLOAD");
        });
    assertThat(staging.values()).filteredOn(r -> !r.getConsentId().equals(late.getConsentId()))
        .allSatisfy(r -> assertThat(r.getProcessing().getValidationStatus()).isEqualTo(ValidationStatus.VALID));

    assertThat(duplicates.values()).hasSize(2);
    assertThat(duplicates.values()).filteredOn(d -> d.key().equals(valid.get(0).getConsentId())).singleElement()
        .satisfies(d -> {
          assertThat(d.duplicateOf()).isEqualTo(valid.get(0).getConsentId());
          assertThat(d.value()).isEqualTo(ConsentRecordCodec.encode(valid.get(0)));
        });
    assertThat(duplicates.values()).filteredOn(d -> d.key().equals(otherOfPair)).singleElement()
        .satisfies(d -> assertThat(d.duplicateOf()).isEqualTo(keptOfPair));

    assertThat(quarantine.values()).hasSize(4);
    assertThat(quarantine.values()).filteredOn(q -> q.key().equals(expired.getConsentId())).singleElement()
        .satisfies(q -> {
          assertThat(q.reasons()).isEqualTo("LOT_EXPIRED");
          assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(expired));
        });
    assertThat(quarantine.values()).filteredOn(q -> q.key().equals(future.getConsentId())).singleElement()
        .satisfies(q -> assertThat(q.reasons()).isEqualTo("OCCURRED_AFTER_RECEIVED"));
    assertThat(quarantine.values()).filteredOn(q -> q.key().equals(refused.getConsentId())).singleElement()
        .satisfies(q -> {
          assertThat(q.reasons()).isEqualTo(ReasonCode.INDEX_REFUSED.name());
          assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(refused));
        });
    assertThat(quarantine.values()).filteredOn(q -> q.key().equals("not-a-consent")).singleElement()
        .satisfies(q -> {
          assertThat(q.reasons()).isEqualTo(ReasonCode.UNDECODABLE.name());
          assertThat(q.value()).isEqualTo(TestConsents.garbage());
        });

    // reconciliation: records in = staged + quarantined + duplicates, and the index holds what was staged
    assertThat(staging.values().size() + quarantine.values().size() + duplicates.values().size())
        .isEqualTo(input.size());
  }

  @Test
  void aConsentQuarantinedByARuleAndReplayedAfterTheFixIsKept() throws Exception {
    ConsentRecord expired = consents.lotExpired();
    ConsentRecord fixed = ConsentRecord.newBuilder(expired).build();
    fixed.getVaccination().setLotExpiry(fixed.getVaccination().getLotExpiry().plusYears(1));
    byte[] fixedBytes = ConsentRecordCodec.encode(fixed);

    run(List.of(TestConsents.raw(expired),
        new RawConsent(fixed.getConsentId(), fixedBytes, "LOT_EXPIRED"),
        new RawConsent(fixed.getConsentId(), fixedBytes, "LOT_EXPIRED")));

    assertThat(quarantine.values()).extracting(QuarantinedConsent::reasons).containsExactly("LOT_EXPIRED");
    assertThat(staging.values()).extracting(ConsentRecord::getConsentId).containsExactly(fixed.getConsentId());
    // replayed twice: the second re-injection is a duplicate, not a second archived copy
    assertThat(duplicates.values()).extracting(DuplicateConsent::duplicateOf).containsExactly(fixed.getConsentId());
  }

  @Test
  void aConsentTheIndexRefusedIsLetThroughWhenReplayedAndDuplicatedWhenReplayedAgain() throws Exception {
    ConsentRecord record = consents.valid();
    byte[] bytes = ConsentRecordCodec.encode(record);

    run(List.of(TestConsents.raw(record), TestConsents.raw(record),
        new RawConsent(record.getConsentId(), bytes, "INDEX_REFUSED"),
        new RawConsent(record.getConsentId(), bytes, "INDEX_REFUSED")));

    // the first is kept; the terminal retry and both replays are duplicates of it
    assertThat(staging.values()).extracting(ConsentRecord::getConsentId).containsExactly(record.getConsentId());
    assertThat(duplicates.values()).hasSize(3)
        .allSatisfy(d -> assertThat(d.duplicateOf()).isEqualTo(record.getConsentId()));
  }

  @Test
  void countsEveryOutcomeAndReason() throws Exception {
    List<RawConsent> input = new ArrayList<>();
    ConsentRecord kept = consents.valid();
    input.add(TestConsents.raw(kept));
    input.add(TestConsents.raw(kept));
    input.add(TestConsents.raw(TestConsents.sameVaccinationAgain(kept)));
    input.add(TestConsents.raw(consents.valid()));
    input.add(TestConsents.raw(consents.lateUpload()));
    input.add(TestConsents.raw(consents.lotExpired()));
    input.add(TestConsents.raw(consents.lotExpired()));
    input.add(new RawConsent(null, TestConsents.garbage()));

    JobID job = run(input);

    assertThat(count(job, "consent.valid")).isEqualTo(4);
    assertThat(count(job, "consent.warning")).isEqualTo(1);
    assertThat(count(job, "consent.duplicate")).isEqualTo(1);
    assertThat(count(job, "consent.semantic-duplicate")).isEqualTo(1);
    assertThat(count(job, "consent.indexed")).isEqualTo(3);
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
  void runsWithoutKryoOnRocksDbAndWithAStableUidOnEveryOperator() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ConsentValidationJob.configure(env, TestJobs.config(Map.of()));
    job(List.of(TestConsents.raw(consents.valid()))).build(env);

    assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    assertThat(env.getParallelism()).isEqualTo(2);
    assertThat(ConsentValidationJob.flinkConfiguration(StreamJobConfig.defaults()).toMap())
        .containsEntry("state.backend.type", "rocksdb")
        .containsEntry("execution.checkpointing.incremental", "true")
        .containsEntry("execution.checkpointing.dir", "file:///var/tmp/qianhe/checkpoints")
        .containsEntry("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    assertThat(env.getStreamGraph(false).getStreamNodes()).extracting(StreamNode::getTransformationUID)
        .containsExactlyInAnyOrder("consent-raw-source", "decode", "validate", "exact-dedup", "semantic-dedup",
            "elasticsearch-index", "staging-sink", "quarantine-sink", "duplicates-sink");
  }

  private JobID run(List<RawConsent> input) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // generic types off, as in production: a Kryo fallback anywhere would fail this run; short
    // checkpoints, since a bounded job with checkpointing waits for one more before it finishes
    ConsentValidationJob.configure(env, TestJobs.config(Map.of()));
    job(input).build(env);
    return env.execute("consent-validation-test").getJobID();
  }

  private ConsentValidationJob job(List<RawConsent> input) {
    TypeInformation<RawConsent> type = TypeInformation.of(RawConsent.class);
    DataGeneratorSource<RawConsent> source = new DataGeneratorSource<>(
        new FromElementsGeneratorFunction<>(type, input.toArray(RawConsent[]::new)), input.size(), type);
    return new ConsentValidationJob(source, index, staging, quarantine, duplicates, TestJobs.config(Map.of()));
  }
}
