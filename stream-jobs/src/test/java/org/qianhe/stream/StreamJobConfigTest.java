package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;
import org.qianhe.model.kafka.Topics;
import org.qianhe.stream.dedup.DedupWindows;

class StreamJobConfigTest {

  @Test
  void everyKeyHasADescriptionAndADefault() {
    assertThat(StreamJobConfig.KEYS).allSatisfy(key -> {
      assertThat(key.name()).isNotBlank();
      assertThat(key.defaultValue()).as("default of %s", key.name()).isNotBlank();
      assertThat(key.description()).as("description of %s", key.name()).hasSizeGreaterThan(20);
    });
    assertThat(StreamJobConfig.KEYS).extracting(StreamJobConfig.Key::name).doesNotHaveDuplicates();
  }

  @Test
  void everySettingHasAKey() {
    assertThat(StreamJobConfig.KEYS).hasSameSizeAs(StreamJobConfig.class.getRecordComponents());
    assertThat(StreamJobConfig.defaults().toMap().keySet())
        .containsExactlyInAnyOrderElementsOf(StreamJobConfig.KEYS.stream().map(StreamJobConfig.Key::name).toList());
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    StreamJobConfig config = StreamJobConfig.defaults();

    assertThat(config.rawTopic()).isEqualTo(Topics.RAW);
    assertThat(config.quarantineTopic()).isEqualTo(Topics.QUARANTINE);
    assertThat(config.duplicatesTopic()).isEqualTo(Topics.DUPLICATES);
    assertThat(config.groupId()).isEqualTo("qianhe-stream");
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.dedupTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(config.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    assertThat(config.transactionTimeout()).isLessThan(Duration.ofMinutes(15)).isGreaterThan(config.checkpointInterval());
    assertThat(config.elasticsearchAlias()).isEqualTo("consents");
    assertThat(config.parallelism()).isEqualTo(2);
    assertThat(config.stateBackend()).isEqualTo("rocksdb");
    assertThat(config.stagingRoot()).isEqualTo("file:///var/tmp/qianhe");
    assertThat(config.dedupWindows()).isEqualTo(DedupWindows.sameDay());
    assertThat(config.semanticDedupTtl()).isEqualTo(Duration.ofDays(180));
  }

  @Test
  void readsProgramArgumentsAndProperties() {
    StreamJobConfig fromArgs = StreamJobConfig.fromArgs(new String[] {
        "--kafka.bootstrap-servers", "broker-1:9092,broker-2:9092", "--dedup.ttl", "60 d",
        "--checkpoint.interval", "30 s", "--kafka.delivery-guarantee", "AT_LEAST_ONCE",
        "--staging.root", "hdfs://namenode:8020/qianhe", "--dedup.windows", "*=0 d,MMR=2 d"});
    Properties properties = new Properties();
    properties.setProperty("validation.clock-skew", "90 s");
    properties.setProperty("parallelism", "4");
    StreamJobConfig fromProperties = StreamJobConfig.fromProperties(properties);

    assertThat(fromArgs.bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
    assertThat(fromArgs.dedupTtl()).isEqualTo(Duration.ofDays(60));
    assertThat(fromArgs.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(fromArgs.stagingRoot()).isEqualTo("hdfs://namenode:8020/qianhe");
    assertThat(fromArgs.dedupWindows()).isEqualTo(DedupWindows.parse("MMR=2 d"));
    assertThat(fromArgs.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
    assertThat(fromProperties.allowedClockSkew()).isEqualTo(Duration.ofSeconds(90));
    assertThat(fromProperties.parallelism()).isEqualTo(4);
  }

  @Test
  void toMapReadsBackToTheSameConfig() {
    StreamJobConfig config = StreamJobConfig.defaults().with(Map.of(
        "topic.raw", "raw-test", "kafka.transaction-timeout", "90 s", "elasticsearch.bulk-flush-interval", "0"));

    assertThat(StreamJobConfig.fromMap(config.toMap())).isEqualTo(config);
    assertThat(config.rawTopic()).isEqualTo("raw-test");
  }

  @Test
  void refusesUnknownKeysNamingTheKnownOnes() {
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("dedup.tll", "1 d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dedup.tll")
        .hasMessageContaining("dedup.ttl");
  }

  @Test
  void refusesCheckpointingOffBecauseStagedFilesAreCommittedOnCheckpoints() {
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("checkpoint.interval", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkpoint.interval")
        .hasMessageContaining("staged files");
  }

  @Test
  void refusesAnExactDedupMemoryShorterThan30Days() {
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("dedup.ttl", "7 d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dedup.ttl");
  }

  @Test
  void refusesUnknownStateBackendsAndStagingRootsWithoutScheme() {
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("state.backend", "forst")))
        .hasMessageContaining("state.backend");
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("staging.root", "/var/tmp/qianhe")))
        .hasMessageContaining("staging.root");
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("dedup.windows", "MMR=12 h")))
        .hasMessageStartingWith("dedup.windows");
  }

  @Test
  void checkpointsAreDurableUnlessTurnedOff() {
    assertThat(StreamJobConfig.defaults().durableCheckpointDir()).hasValue("file:///var/tmp/qianhe/checkpoints");
    assertThat(StreamJobConfig.fromMap(Map.of("checkpoint.dir", "none")).durableCheckpointDir()).isEmpty();
  }

  @Test
  void refusesTransactionTimeoutsAboveTheBrokerCap() {
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("kafka.transaction-timeout", "1 h")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transaction.max.timeout.ms");
  }

  @Test
  void refusesDeliveryGuaranteeNone() {
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("kafka.delivery-guarantee", "NONE")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unreadableValuesNameTheirKey() {
    assertThatThrownBy(() -> StreamJobConfig.fromMap(Map.of("dedup.ttl", "thirty days")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("dedup.ttl");
  }

  @Test
  void describeListsEveryKey() {
    String help = StreamJobConfig.describe();

    assertThat(Arrays.stream(help.split("\n"))).hasSameSizeAs(StreamJobConfig.KEYS);
    StreamJobConfig.KEYS.forEach(key -> assertThat(help).contains("--" + key.name()));
  }
}
