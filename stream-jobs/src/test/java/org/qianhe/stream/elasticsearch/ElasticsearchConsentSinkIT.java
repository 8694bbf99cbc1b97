package org.qianhe.stream.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.core.search.Hit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qianhe.model.ConsentRecord;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.search.index.ConsentBulkWriteException;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.stream.TestConsents;

/** The Sink V2 Elasticsearch sink on a MiniCluster (parallelism 2) against the real node. */
@ExtendWith(LocalStackExtension.class)
@SuppressWarnings({"rawtypes", "unchecked"}) // documents are read back as plain maps
class ElasticsearchConsentSinkIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  private final TestConsents consents = new TestConsents(99, Instant.now());

  @Test
  void replayedConsentsOverwriteTheirDocumentInsteadOfDuplicatingIt(ElasticsearchNode es) throws Exception {
    List<ConsentRecord> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(consents.valid());
    }
    List<ConsentRecord> twice = new ArrayList<>(records);
    twice.addAll(records);

    run(twice, settings(es, ConsentIndexClient.ALIAS));

    List<String> ids = records.stream().map(ConsentRecord::getConsentId).toList();
    try (ConsentIndexClient index = ConsentIndexClient.connect(es.httpUrl())) {
      index.refresh();
      List<Hit<Map>> hits = index.client().search(s -> s.index(ConsentIndexClient.ALIAS)
          .query(q -> q.ids(i -> i.values(ids))).size(100), Map.class).hits().hits();
      assertThat(hits).extracting(Hit::id).containsExactlyInAnyOrderElementsOf(ids);
    }
  }

  @Test
  void failsTheJobRatherThanFinishWithADocumentElasticsearchRefused(ElasticsearchNode es) {
    ConsentRecord record = consents.valid();
    // writes require an alias: a missing one is refused for good (no retry helps)
    ElasticsearchSinkSettings missingAlias = settings(es, "no-such-alias-" + UUID.randomUUID());

    assertThatThrownBy(() -> run(List.of(record), missingAlias))
        .rootCause()
        .isInstanceOf(ConsentBulkWriteException.class)
        .hasMessageContaining(record.getConsentId());
  }

  private static void run(List<ConsentRecord> records, ElasticsearchSinkSettings settings) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration configuration = new Configuration();
    // a failing test job must fail, not restart forever
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    env.configure(configuration);
    env.setParallelism(2);
    env.fromData(TypeInformation.of(ConsentRecord.class), records.toArray(ConsentRecord[]::new))
        .sinkTo(new ElasticsearchConsentSink(settings)).name("elasticsearch").uid("elasticsearch-sink");
    env.execute("elasticsearch-sink-test");
  }

  private static ElasticsearchSinkSettings settings(ElasticsearchNode es, String alias) {
    return new ElasticsearchSinkSettings(es.httpUrl(), alias, 5, Duration.ofMillis(200), 1);
  }
}
