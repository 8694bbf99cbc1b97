package org.qianhe.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.model.ConsentRecord;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(LocalStackExtension.class)
class ConsentBulkWriterIT {

  private static ConsentIndexClient index;

  @BeforeAll
  static void connect(ElasticsearchNode node) {
    index = ConsentIndexClient.connect(node.httpUrl());
  }

  @AfterAll
  static void disconnect() throws IOException {
    index.close();
  }

  /** Each test starts from an empty index made by ensureIndex(), so counts are exact. */
  @BeforeEach
  void freshIndex() throws IOException {
    index.client().indices().delete(d -> d.index(ConsentIndexClient.FIRST_INDEX).ignoreUnavailable(true));
    index.ensureIndex();
  }

  @Test
  void ensureIndexIsIdempotentAndMakesAStrictSingleShardIndexBehindTheAlias() throws IOException {
    index.ensureIndex();

    var aliases = index.client().indices().getAlias(a -> a.name(ConsentIndexClient.ALIAS)).aliases();
    assertThat(aliases).containsOnlyKeys(ConsentIndexClient.FIRST_INDEX);
    assertThat(aliases.get(ConsentIndexClient.FIRST_INDEX).aliases().get(ConsentIndexClient.ALIAS).isWriteIndex())
        .isTrue();
    var settings = index.client().indices().getSettings(s -> s.index(ConsentIndexClient.FIRST_INDEX))
        .get(ConsentIndexClient.FIRST_INDEX).settings().index();
    assertThat(settings.numberOfShards()).isEqualTo("1");
    assertThat(settings.numberOfReplicas()).isEqualTo("0");
    assertThat(index.health().jsonValue()).isEqualTo("green");
  }

  @Test
  void writesEveryRecordOnceAndAReplayDoesNotDuplicate() throws IOException {
    TestConsents consents = TestConsents.generate(21, 300);
    BulkWriterSettings settings = BulkWriterSettings.defaults().withMaxActions(40);

    try (ConsentBulkWriter writer = new ConsentBulkWriter(index.client(), settings)) {
      consents.records().forEach(writer::add);
      writer.flush();
      // flush() returned only after every document was acknowledged, not merely sent
      assertThat(writer.acknowledged()).isEqualTo(300);
    }
    index.refresh();
    assertThat(index.count()).isEqualTo(300);

    try (ConsentBulkWriter replay = new ConsentBulkWriter(index.client(), settings)) {
      consents.records().forEach(replay::add);
      replay.flush();
      assertThat(replay.acknowledged()).isEqualTo(300);
    }
    index.refresh();
    assertThat(index.count()).isEqualTo(300);
  }

  @Test
  void documentsAreFoundByLotNumberAndHoldNoRawIdentity() throws IOException {
    TestConsents consents = TestConsents.generate(22, 200);
    write(consents.records(), BulkWriterSettings.defaults());
    String lot = consents.records().get(0).getVaccination().getLotNumber();
    List<String> expected = consents.records().stream()
        .filter(r -> r.getVaccination().getLotNumber().equals(lot)).map(ConsentRecord::getConsentId).toList();

    SearchResponse<Map> byLot = index.client().search(s -> s.index(ConsentIndexClient.ALIAS)
        .query(q -> q.term(t -> t.field(ConsentFields.LOT_NUMBER).value(lot))).size(1000), Map.class);

    assertThat(byLot.hits().hits()).extracting(Hit::id).containsExactlyInAnyOrderElementsOf(expected);
    SearchResponse<Map> all = index.client().search(s -> s.index(ConsentIndexClient.ALIAS).size(1000), Map.class);
    assertThat(all.hits().hits()).hasSize(200);
    String sources = JsonMapper.builder().build().writeValueAsString(all.hits().hits().stream().map(Hit::source).toList());
    for (String raw : consents.rawIdentities()) {
      assertThat(sources).doesNotContain(raw);
    }
  }

  /** The sealed identity is kept for the audited unmask, but no query can match on it. */
  @Test
  void theSealedIdentityCannotBeSearched() throws IOException {
    TestConsents consents = TestConsents.generate(26, 3);
    write(consents.records(), BulkWriterSettings.defaults());

    assertThatExceptionOfType(co.elastic.clients.elasticsearch._types.ElasticsearchException.class)
        .isThrownBy(() -> index.client().search(s -> s.index(ConsentIndexClient.ALIAS)
            .query(q -> q.term(t -> t.field("identitySealed.keyId").value("test-seal-1"))), Map.class))
        .satisfies(e -> assertThat(e.status()).isEqualTo(400));
  }

  /**
   * An index of an older mapping version (here one that predates the version mark, with one field,
   * named outside the template's pattern so that nothing of today's template is merged into it)
   * cannot take today's layout in place: ensureIndex refuses it with the way out, and leaves it as it was.
   */
  @Test
  void ensureIndexRefusesAnIndexOfAnOlderMappingVersionAndLeavesItAlone() throws IOException {
    String legacy = "legacy-consents";
    index.client().indices().delete(d -> d.index(ConsentIndexClient.FIRST_INDEX).ignoreUnavailable(true));
    index.client().indices().create(c -> c.index(legacy)
        .aliases(ConsentIndexClient.ALIAS, a -> a.isWriteIndex(true))
        .mappings(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)
            .properties(ConsentFields.CONSENT_ID, p -> p.keyword(k -> k))));
    try {
      assertThatIllegalStateException().isThrownBy(index::ensureIndex)
          .withMessageContaining(legacy).withMessageContaining("mapping version 1")
          .withMessageContaining("version " + ConsentIndexClient.mappingVersion()).withMessageContaining("reindex");

      var mapping = index.client().indices().getMapping(m -> m.index(legacy)).get(legacy).mappings();
      assertThat(mapping.properties()).containsOnlyKeys(ConsentFields.CONSENT_ID);
      assertThat(mapping.meta()).isNullOrEmpty();
    } finally {
      index.client().indices().delete(d -> d.index(legacy));
    }
  }

  /**
   * The sealed identity is not in _source, where every search and export would carry it, but in
   * stored fields that come back only when asked for, exactly as written.
   */
  @Test
  void theSealedIdentityIsKeptOutOfTheSourceAndComesBackFromItsStoredFields() throws IOException {
    TestConsents consents = TestConsents.generate(28, 3);
    write(consents.records(), BulkWriterSettings.defaults());
    ConsentRecord first = consents.records().get(0);

    SearchResponse<Map> plain = index.client().search(s -> s.index(ConsentIndexClient.ALIAS)
        .query(q -> q.ids(i -> i.values(first.getConsentId()))), Map.class);
    SearchResponse<Map> unmask = index.client().search(s -> s.index(ConsentIndexClient.ALIAS)
        .query(q -> q.ids(i -> i.values(first.getConsentId())))
        .source(src -> src.fetch(true)).storedFields(ConsentDocuments.SEALED_IDENTITY_FIELDS), Map.class);

    Hit<Map> hit = plain.hits().hits().get(0);
    assertThat(hit.source()).containsKey(ConsentFields.LOT_NUMBER).doesNotContainKey(ConsentDocuments.SEALED_IDENTITY);
    assertThat(ConsentDocuments.sealedIdentity(hit.source(), hit.fields())).isNull();
    Hit<Map> asked = unmask.hits().hits().get(0);
    assertThat(asked.source()).doesNotContainKey(ConsentDocuments.SEALED_IDENTITY);
    assertThat(ConsentDocuments.sealedIdentity(asked.source(), asked.fields()))
        .isEqualTo(ConsentDocuments.toDocument(first).get(ConsentDocuments.SEALED_IDENTITY));
  }

  /** Sorted by region, then time: one district's consents sit together in the stored-field blocks an export reads. */
  @Test
  void indicesAreSortedByRegionThenTime() throws IOException {
    var sort = index.client().indices().getSettings(s -> s.index(ConsentIndexClient.FIRST_INDEX))
        .get(ConsentIndexClient.FIRST_INDEX).settings().index().sort();

    assertThat(sort.field()).containsExactly(ConsentFields.REGION_CODE, ConsentFields.OCCURRED_AT);
  }

  /**
   * A read-only-allow-delete block (what a full disk sets) makes Elasticsearch refuse each item
   * with 429: the writer must keep retrying and flush() must wait until the block is lifted.
   */
  @Test
  void retriesDocumentsRefusedWith429UntilTheyAreAccepted() throws Exception {
    TestConsents consents = TestConsents.generate(23, 25);
    setReadOnlyAllowDelete(true);
    BulkWriterSettings settings = BulkWriterSettings.defaults().withRetries(8, Duration.ofMillis(100));

    try (ConsentBulkWriter writer = new ConsentBulkWriter(index.client(), settings)) {
      consents.records().forEach(writer::add);
      CompletableFuture<Long> countWhileBlocked = CompletableFuture.supplyAsync(() -> {
        try {
          TimeUnit.MILLISECONDS.sleep(1500);
          index.refresh();
          long count = index.count();
          setReadOnlyAllowDelete(false);
          return count;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });

      writer.flush();

      assertThat(countWhileBlocked.get(10, TimeUnit.SECONDS)).isZero();
      assertThat(writer.acknowledged()).isEqualTo(25);
    }
    index.refresh();
    assertThat(index.count()).isEqualTo(25);
  }

  @Test
  void failsForGoodAfterItsRetriesNamingOnlyConsentIdsAndErrorType() throws IOException {
    TestConsents consents = TestConsents.generate(24, 5);
    setReadOnlyAllowDelete(true);
    try (ConsentBulkWriter writer = new ConsentBulkWriter(index.client(),
        BulkWriterSettings.defaults().withRetries(2, Duration.ofMillis(50)))) {
      consents.records().forEach(writer::add);

      assertThatExceptionOfType(ConsentBulkWriteException.class).isThrownBy(writer::flush)
          .satisfies(e -> {
            assertThat(e.failures()).extracting(ConsentBulkWriteException.FailedItem::consentId)
                .containsExactlyInAnyOrderElementsOf(consents.consentIds());
            assertThat(e.failures()).allSatisfy(f -> {
              assertThat(f.status()).isEqualTo(429);
              assertThat(f.errorType()).isEqualTo("cluster_block_exception");
            });
            assertThat(e.getMessage()).contains(consents.consentIds().get(0)).doesNotContain("blocked by");
            consents.rawIdentities().forEach(raw -> assertThat(e.getMessage()).doesNotContain(raw));
          });
      // reported once: the next flush has nothing outstanding and nothing to report
      writer.flush();
      assertThat(writer.acknowledged()).isZero();
    } finally {
      setReadOnlyAllowDelete(false);
    }
  }

  @Test
  void aMissingAliasFailsTheItemInsteadOfCreatingAnIndex() throws IOException {
    ConsentRecord record = TestConsents.generate(25, 1).records().get(0);
    ConsentBulkWriter writer = new ConsentBulkWriter(index.client(), BulkWriterSettings.defaults().withAlias("consents-missing"));
    writer.add(record);

    assertThatExceptionOfType(ConsentBulkWriteException.class).isThrownBy(writer::close)
        .satisfies(e -> assertThat(e.failures()).singleElement().satisfies(f -> {
          assertThat(f.consentId()).isEqualTo(record.getConsentId());
          assertThat(f.errorType()).isEqualTo("index_not_found_exception");
        }));
    assertThat(index.client().indices().exists(e -> e.index("consents-missing")).value()).isFalse();
  }

  private static void write(List<ConsentRecord> records, BulkWriterSettings settings) throws IOException {
    try (ConsentBulkWriter writer = new ConsentBulkWriter(index.client(), settings)) {
      records.forEach(writer::add);
    }
    index.refresh();
  }

  private static void setReadOnlyAllowDelete(boolean on) throws IOException {
    ElasticsearchClient client = index.client();
    client.indices().putSettings(p -> p.index(ConsentIndexClient.FIRST_INDEX)
        .settings(s -> s.blocks(b -> b.readOnlyAllowDelete(on))));
  }
}
