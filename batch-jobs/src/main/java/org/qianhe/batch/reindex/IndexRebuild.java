package org.qianhe.batch.reindex;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.index.ConsentIndexClient;

/**
 * The Elasticsearch side of a rebuild: a new index behind its own write alias, counts per
 * partition, the atomic alias swap, and the catch-up of documents the live pipeline wrote to the
 * old index while the rebuild ran. Uses only what the {@code integ-test-zip} node offers (no
 * {@code _reindex}): search_after pages and bulk requests.
 */
public final class IndexRebuild {

  private static final int PAGE = 500;

  private final ConsentIndexClient index;
  private final ElasticsearchClient client;

  public IndexRebuild(ConsentIndexClient index) {
    this.index = index;
    this.client = index.client();
  }

  /**
   * The template and the live alias exist (first run), then the new index behind {@code buildAlias}.
   * The live indices may be of an older mapping version: replacing them is what a rebuild is for.
   */
  public void prepare(String newIndex, String buildAlias) throws IOException {
    index.ensureTemplate();
    if (!client.indices().exists(e -> e.index(newIndex)).value()) {
      client.indices().create(c -> c.index(newIndex).aliases(buildAlias, a -> a.isWriteIndex(true)));
    }
    client.cluster().health(h -> h.index(newIndex).waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("30s")));
  }

  /** Documents of one region-day in an index (refreshed first, so the count is exact). */
  public long count(String indexName, String region, LocalDate date) throws IOException {
    client.indices().refresh(r -> r.index(indexName));
    String from = date.atStartOfDay(ConsentValidator.CLINIC_ZONE).toInstant().toString();
    String to = date.plusDays(1).atStartOfDay(ConsentValidator.CLINIC_ZONE).toInstant().toString();
    return client.count(c -> c.index(indexName).query(q -> q.bool(b -> b
        .filter(f -> f.term(t -> t.field(ConsentFields.REGION_CODE).value(region)))
        .filter(f -> f.range(r -> r.date(d -> d.field(ConsentFields.OCCURRED_AT).gte(from).lt(to))))))).count();
  }

  public long count(String indexName) throws IOException {
    client.indices().refresh(r -> r.index(indexName));
    return client.count(c -> c.index(indexName)).count();
  }

  /** Indices the live alias points at now. */
  public List<String> liveIndices() throws IOException {
    if (!index.aliasExists()) {
      return List.of();
    }
    return new ArrayList<>(client.indices().getAlias(a -> a.name(ConsentIndexClient.ALIAS)).aliases().keySet());
  }

  /**
   * Points the live alias at the new index in one request: Elasticsearch applies the actions of
   * one {@code _aliases} call atomically, so every search sees either the old or the new index.
   */
  public void swap(List<String> oldIndices, String newIndex, String buildAlias) throws IOException {
    // Everything written must be searchable the moment the alias moves, not a refresh interval later.
    client.indices().refresh(r -> r.index(newIndex));
    client.indices().updateAliases(u -> {
      for (String old : oldIndices) {
        u.actions(a -> a.remove(r -> r.index(old).alias(ConsentIndexClient.ALIAS)));
      }
      u.actions(a -> a.add(add -> add.index(newIndex).alias(ConsentIndexClient.ALIAS).isWriteIndex(true)));
      u.actions(a -> a.remove(r -> r.index(newIndex).alias(buildAlias)));
      return u;
    });
  }

  /**
   * Copies into the new index every document of the old indices received since {@code since}:
   * what the live pipeline indexed but had not yet staged when the rebuild read the files.
   * Documents are keyed by consentId, so copying one that is already there changes nothing. The
   * sealed identity is not in {@code _source} (mapping version 3), so it is read from its stored
   * fields and put back into the document.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public long catchUp(List<String> oldIndices, String newIndex, Instant since) throws IOException {
    if (oldIndices.isEmpty()) {
      return 0;
    }
    client.indices().refresh(r -> r.index(oldIndices));
    long copied = 0;
    List<FieldValue> after = null;
    while (true) {
      List<FieldValue> searchAfter = after;
      SearchResponse<Map> page = client.search(s -> {
        s.index(oldIndices).size(PAGE)
            .query(q -> q.range(r -> r.date(d -> d.field(ConsentFields.RECEIVED_AT).gte(since.toString()))))
            .sort(o -> o.field(f -> f.field(ConsentFields.CONSENT_ID).order(SortOrder.Asc)))
            .source(src -> src.fetch(true)).storedFields(ConsentDocuments.SEALED_IDENTITY_FIELDS);
        if (searchAfter != null) {
          s.searchAfter(searchAfter);
        }
        return s;
      }, Map.class);
      List<Hit<Map>> hits = page.hits().hits();
      if (hits.isEmpty()) {
        return copied;
      }
      List<BulkOperation> operations = new ArrayList<>();
      for (Hit<Map> hit : hits) {
        Map<String, Object> document = new LinkedHashMap<>(hit.source());
        Map<String, Object> sealed = ConsentDocuments.sealedIdentity(hit.source(), hit.fields());
        if (sealed != null) {
          document.put(ConsentDocuments.SEALED_IDENTITY, sealed);
        }
        operations.add(BulkOperation.of(b -> b.index(i -> i.index(newIndex).id(hit.id()).document(document))));
      }
      BulkResponse response = client.bulk(b -> b.operations(operations));
      if (response.errors()) {
        throw new IOException("catch-up copy failed for " + response.items().stream()
            .filter(item -> item.error() != null).map(item -> item.id()).limit(10).toList());
      }
      copied += hits.size();
      after = hits.get(hits.size() - 1).sort();
    }
  }
}
