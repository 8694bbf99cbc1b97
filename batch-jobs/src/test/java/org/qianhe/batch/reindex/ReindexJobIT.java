package org.qianhe.batch.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.Cli;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.model.ConsentRecord;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.search.index.BulkWriterSettings;
import org.qianhe.search.index.ConsentBulkWriter;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.index.ConsentIndexClient;

/**
 * Acceptance 6: reindex rebuilds an index that answers the same trace queries as before, while a
 * searcher hammering the live alias never fails and never sees a document missing.
 */
@ExtendWith(LocalStackExtension.class)
class ReindexJobIT {

  static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @TempDir java.nio.file.Path dir;

  @BeforeAll
  static void schema() {
    Cli.createSchema();
  }

  @Test
  void rebuildsFromTheArchiveAndSwapsTheAliasWhileSearchesGoOn(ElasticsearchNode elasticsearch) throws Exception {
    String root = dir.toUri().toString();
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of());
    StagingFixture fixture = new StagingFixture(71);
    List<ConsentRecord> all = new ArrayList<>();
    for (String region : List.of("410105", "410302")) {
      List<ConsentRecord> records = fixture.records(region, DAY, 40);
      StagingFixture.stage(storage, region, DAY, "part-1.parquet", records);
      StagingFixture.compactor(storage, 1 << 30).compact(region, DAY);
      all.addAll(records);
    }
    List<ConsentRecord> notCompacted = fixture.records("410702", DAY, 20);
    StagingFixture.stage(storage, "410702", DAY, "part-1.parquet", notCompacted);
    all.addAll(notCompacted);
    ConsentRecord inFlight = fixture.records("410702", DAY, 1).get(0);
    inFlight.setReceivedAt(Instant.now());

    try (ConsentIndexClient index = ConsentIndexClient.connect(elasticsearch.httpUrl())) {
      ElasticsearchClient client = index.client();
      for (String name : client.indices().get(g -> g.index("consents-*")).indices().keySet()) {
        client.indices().delete(d -> d.index(name));
      }
      index.ensureIndex();
      // the live index, as the stream job fills it: everything, plus one record not yet staged
      try (ConsentBulkWriter live = new ConsentBulkWriter(client, BulkWriterSettings.defaults())) {
        all.forEach(live::add);
        live.add(inFlight);
        live.flush();
      }
      index.refresh();
      ConsentRecord probe = all.get(7);
      List<Query> traces = List.of(
          Query.of(q -> q.term(t -> t.field(ConsentFields.LOT_NUMBER).value(probe.getVaccination().getLotNumber()))),
          Query.of(q -> q.term(t -> t.field(ConsentFields.CHILD_KEY).value(probe.getChild().getKey()))),
          Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field(ConsentFields.SITE_CODE).value(probe.getSiteCode())))
              .filter(f -> f.range(r -> r.date(d -> d.field(ConsentFields.OCCURRED_AT)
                  .gte(DAY.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toString())
                  .lt(DAY.plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toString())))))));
      List<List<String>> before = new ArrayList<>();
      for (Query trace : traces) {
        before.add(ids(client, trace));
      }
      assertThat(before).allSatisfy(ids -> assertThat(ids).isNotEmpty());
      long total = all.size() + 1;

      List<String> problems = new CopyOnWriteArrayList<>();
      AtomicBoolean searching = new AtomicBoolean(true);
      AtomicLong searches = new AtomicLong();
      Thread searcher = new Thread(() -> {
        while (searching.get()) {
          try {
            long count = client.count(c -> c.index(ConsentIndexClient.ALIAS)).count();
            if (count != total) {
              problems.add("count " + count);
            }
            List<String> lot = ids(client, traces.get(0));
            if (!lot.equals(before.get(0))) {
              problems.add("lot trace " + lot);
            }
            searches.incrementAndGet();
          } catch (IOException | RuntimeException e) {
            problems.add(e.toString());
          }
        }
      }, "searcher");
      searcher.start();
      Cli.Result result;
      try {
        result = Cli.run(root, "reindex", "--qianhe.batch.elasticsearch.url=" + elasticsearch.httpUrl());
      } finally {
        searching.set(false);
        searcher.join();
      }

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("40 archived + 0 staged -> 40 documents, count checked",
          "region=410702/date=2026-11-20: 0 archived + 20 staged -> 20 documents",
          "1 documents received since", "102 documents in all".replace("102", String.valueOf(total)));
      assertThat(problems).isEmpty();
      assertThat(searches.get()).isPositive();
      var aliases = client.indices().getAlias(a -> a.name(ConsentIndexClient.ALIAS)).aliases();
      assertThat(aliases.keySet()).singleElement().asString().startsWith("consents-rebuild-");
      assertThat(client.indices().exists(e -> e.index(ConsentIndexClient.FIRST_INDEX)).value()).isTrue();
      for (int i = 0; i < traces.size(); i++) {
        assertThat(ids(client, traces.get(i))).as("trace %d", i).isEqualTo(before.get(i));
      }
      // the sealed identity lives outside _source: rebuilt from the archive and copied by the catch-up, it is kept
      for (ConsentRecord r : List.of(probe, inFlight)) {
        var hit = client.search(q -> q.index(ConsentIndexClient.ALIAS).query(i -> i.ids(v -> v.values(r.getConsentId())))
            .source(src -> src.fetch(true)).storedFields(ConsentDocuments.SEALED_IDENTITY_FIELDS), Map.class)
            .hits().hits().get(0);
        assertThat(ConsentDocuments.sealedIdentity(hit.source(), hit.fields())).as(r.getConsentId())
            .isEqualTo(ConsentDocuments.toDocument(r).get(ConsentDocuments.SEALED_IDENTITY));
      }

      // verify can compare the archive with the rebuilt index, and notices a missing document
      String[] verify = {"verify", "--from", DAY.toString(), "--to", DAY.toString(), "--region", "410105",
          "--qianhe.batch.verify.compare-elasticsearch=true", "--qianhe.batch.elasticsearch.url=" + elasticsearch.httpUrl()};
      assertThat(Cli.run(root, verify).exitCode()).isZero();
      String gone = all.get(0).getConsentId();
      client.delete(d -> d.index(ConsentIndexClient.ALIAS).id(gone));
      Cli.Result missing = Cli.run(root, verify);
      assertThat(missing.exitCode()).isEqualTo(3);
      assertThat(missing.output()).contains("search index holds 39 documents for the day, the archive 40: run reindex");
    }
  }

  @SuppressWarnings("rawtypes")
  private static List<String> ids(ElasticsearchClient client, Query query) throws IOException {
    return client.search(s -> s.index(ConsentIndexClient.ALIAS).query(query).size(1000)
            .sort(o -> o.field(f -> f.field(ConsentFields.CONSENT_ID))), Map.class)
        .hits().hits().stream().map(hit -> hit.id()).toList();
  }
}
