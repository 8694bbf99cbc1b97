package org.qianhe.stream.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.stream.CollectingSink;
import org.qianhe.stream.ConsentValidationJob;
import org.qianhe.stream.InMemoryIndex;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.TestJobs;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

/** The staging FileSink on a local file system: committed Parquet by region and day, read back with parquet-avro. */
class StagingSinkTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  @TempDir
  Path root;

  private final TestConsents consents = new TestConsents(41, Instant.parse("2025-03-10T02:00:00Z"));

  @Test
  void theJobStagesValidConsentsInTheirRegionAndDayPartitionsAndNothingElse() throws Exception {
    List<ConsentRecord> valid = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      valid.add(consents.valid());
    }
    // one consent given just after midnight in the clinics' zone: its day is the 10th, although UTC says the 9th
    ConsentRecord afterMidnight = consents.validAt("410302", "410302001", Instant.parse("2025-03-09T16:30:00Z"));
    valid.add(afterMidnight);
    ConsentRecord expired = consents.lotExpired();
    List<RawConsent> input = new ArrayList<>(valid.stream().map(TestConsents::raw).toList());
    input.add(TestConsents.raw(expired));

    runJob(input);

    List<StagedFiles.Staged> staged = StagedFiles.read(root);
    assertThat(staged).extracting(StagedFiles.Staged::consentId)
        .containsExactlyInAnyOrderElementsOf(valid.stream().map(ConsentRecord::getConsentId).toList());
    for (ConsentRecord record : valid) {
      assertThat(staged).filteredOn(s -> s.consentId().equals(record.getConsentId())).singleElement()
          .satisfies(s -> assertThat(s.partition()).isEqualTo(StorageLayout.partition(record)));
    }
    assertThat(staged).filteredOn(s -> s.consentId().equals(afterMidnight.getConsentId())).singleElement()
        .satisfies(s -> assertThat(s.partition()).isEqualTo("region=410302/date=2025-03-10"));
    assertThat(staged).allSatisfy(s -> assertThat(s.record().get("processing").toString()).contains("\"VALID\""));
  }

  @Test
  void stagedFilesAreCommittedParquetWithTheRecordSchemaAndNoInProgressFileIsLeft() throws Exception {
    ConsentRecord record = consents.valid();

    runSink(List.of(record), CompressionCodecName.ZSTD);

    List<Path> files = StagedFiles.dataFiles(root);
    assertThat(files).singleElement().satisfies(file -> {
      assertThat(file.getFileName().toString()).startsWith("part-").endsWith(".parquet");
      assertThat(root.resolve(StorageLayout.STAGING).relativize(file.getParent()).toString())
          .isEqualTo(StorageLayout.partition(record));
    });
    // in-progress files are hidden ('.part-…'); after the final checkpoint none is left
    assertThat(StagedFiles.allFiles(root)).allSatisfy(f -> assertThat(f.getFileName().toString()).doesNotStartWith("."));
    GenericRecord read = StagedFiles.read(root).get(0).record();
    assertThat(read.getSchema()).isEqualTo(ConsentRecord.getClassSchema());
    assertThat(read.get("consentId").toString()).isEqualTo(record.getConsentId());
    assertThat(read.get("occurredAt")).isEqualTo(record.getOccurredAt().toEpochMilli());
    assertThat(((GenericRecord) read.get("vaccination")).get("lotNumber").toString())
        .isEqualTo(record.getVaccination().getLotNumber());
  }

  private void runSink(List<ConsentRecord> records, CompressionCodecName codec) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(Duration.ofMillis(200).toMillis());
    env.setParallelism(2);
    env.fromData(TypeInformation.of(ConsentRecord.class), records.toArray(ConsentRecord[]::new))
        .sinkTo(StagingSink.create(root.toUri().toString(), codec)).uid("staging-sink");
    env.execute("staging-sink-test");
  }

  private void runJob(List<RawConsent> input) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    var config = TestJobs.config(Map.of("staging.root", root.toUri().toString()));
    ConsentValidationJob.configure(env, config);
    TypeInformation<RawConsent> type = TypeInformation.of(RawConsent.class);
    DataGeneratorSource<RawConsent> source = new DataGeneratorSource<>(
        new FromElementsGeneratorFunction<>(type, input.toArray(RawConsent[]::new)), input.size(), type);
    new ConsentValidationJob(source, new InMemoryIndex(), StagingSink.create(config.stagingRoot(), config.stagingCompression()),
        new CollectingSink<QuarantinedConsent>(), new CollectingSink<DuplicateConsent>(), config).build(env);
    env.execute("staging-job-test");
  }
}
