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
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.stream.CollectingSink;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.index.IndexConsents;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.IndexAction;
import org.qianhe.stream.records.QuarantinedConsent;

/** The index operator on a MiniCluster (parallelism 2) against the real Elasticsearch node. */
@ExtendWith(LocalStackExtension.class)
@SuppressWarnings({"rawtypes", "unchecked"}) // documents are read back as plain maps
class ElasticsearchIndexIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  private final TestConsents consents = new TestConsents(99, Instant.now());
  private final CollectingSink<ConsentRecord> indexed = new CollectingSink<>();
  private final CollectingSink<QuarantinedConsent> refused = new CollectingSink<>();

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
    assertThat(indexed.values()).hasSize(24);
  }

  @Test
  void aDocumentElasticsearchRefusesForGoodIsQuarantinedAndTheRestIndexed(ElasticsearchNode es) throws Exception {
    ConsentRecord good = consents.valid();
    ConsentRecord immense = consents.valid();
    // a keyword term above Lucene's 32766-byte limit: a 400 no retry can fix
    immense.setSiteCode("4".repeat(40_000));

    run(List.of(good, immense), settings(es, ConsentIndexClient.ALIAS));

    assertThat(indexed.values()).extracting(ConsentRecord::getConsentId).containsExactly(good.getConsentId());
    assertThat(refused.values()).singleElement().satisfies(q -> {
      assertThat(q.key()).isEqualTo(immense.getConsentId());
      assertThat(q.reasons()).isEqualTo("INDEX_REFUSED");
      assertThat(q.value()).isEqualTo(ConsentRecordCodec.encode(immense));
    });
  }

  @Test
  void theDocumentsOfConsentsFoundToBeDuplicatesAreRemoved(ElasticsearchNode es) throws Exception {
    ConsentRecord stays = consents.valid();
    ConsentRecord goes = consents.valid();
    run(List.of(stays, goes), settings(es, ConsentIndexClient.ALIAS));

    runActions(List.of(IndexAction.remove(goes.getConsentId()), IndexAction.remove(UUID.randomUUID().toString())),
        settings(es, ConsentIndexClient.ALIAS));

    try (ConsentIndexClient index = ConsentIndexClient.connect(es.httpUrl())) {
      index.refresh();
      List<Hit<Map>> hits = index.client().search(s -> s.index(ConsentIndexClient.ALIAS)
          .query(q -> q.ids(i -> i.values(stays.getConsentId(), goes.getConsentId()))), Map.class).hits().hits();
      assertThat(hits).extracting(Hit::id).containsExactly(stays.getConsentId());
    }
  }

  @Test
  void aMissingAliasFailsTheJobRatherThanQuarantineEveryConsent(ElasticsearchNode es) {
    ConsentRecord record = consents.valid();
    // writes require an alias: a missing one is refused for every document (404), an operator must act
    ElasticsearchIndexSettings missingAlias = settings(es, "no-such-alias-" + UUID.randomUUID());

    assertThatThrownBy(() -> run(List.of(record), missingAlias))
        .rootCause()
        .hasMessageContaining(record.getConsentId())
        .hasMessageContaining("index_not_found_exception");
    assertThat(refused.values()).isEmpty();
  }

  private void run(List<ConsentRecord> records, ElasticsearchIndexSettings settings) throws Exception {
    runActions(records.stream().map(r -> IndexAction.keep(decoded(r))).toList(), settings);
  }

  private static DecodedConsent decoded(ConsentRecord r) {
    return new DecodedConsent(r.getConsentId(), ConsentRecordCodec.encode(r), r);
  }

  private void runActions(List<IndexAction> actions, ElasticsearchIndexSettings settings) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration configuration = new Configuration();
    // a failing test job must fail, not restart forever
    configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    env.configure(configuration);
    env.setParallelism(2);
    SingleOutputStreamOperator<ConsentRecord> out = env
        .fromData(TypeInformation.of(IndexAction.class), actions.toArray(IndexAction[]::new))
        .transform("elasticsearch-index", TypeInformation.of(ConsentRecord.class),
            new IndexConsents(new ElasticsearchIndexFactory(settings), 100, Duration.ofMillis(200)))
        .uid("elasticsearch-index");
    out.sinkTo(indexed);
    out.getSideOutput(IndexConsents.REFUSED).sinkTo(refused);
    env.execute("elasticsearch-index-test");
  }

  private static ElasticsearchIndexSettings settings(ElasticsearchNode es, String alias) {
    return new ElasticsearchIndexSettings(es.httpUrl(), alias, 5, Duration.ofMillis(200), 1, 1);
  }
}
