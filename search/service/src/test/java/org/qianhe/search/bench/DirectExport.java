package org.qianhe.search.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.index.ConsentIndexClient;

/**
 * An export straight from Elasticsearch, as the service's export walks it: one point in time,
 * {@code search_after} on occurredAt, 5 000 hits per request, no CSV. The benchmarks' baseline.
 */
final class DirectExport {

  private static final int BATCH = 5000;

  private DirectExport() {}

  /**
   * Walks every consent matching {@code query}; returns how many there were.
   *
   * @param source how the request asks for the columns (a {@code _source} filter, doc values)
   */
  @SuppressWarnings("rawtypes")
  static long rows(ElasticsearchClient es, Query query, Consumer<SearchRequest.Builder> source) throws IOException {
    String pit = es.openPointInTime(o -> o.index(ConsentIndexClient.ALIAS).keepAlive(t -> t.time("2m"))).id();
    long rows = 0;
    List<FieldValue> after = null;
    try {
      while (true) {
        String current = pit;
        List<FieldValue> from = after;
        SearchResponse<Map> page = es.search(s -> {
          s.pit(p -> p.id(current).keepAlive(t -> t.time("2m"))).query(query).size(BATCH)
              .trackTotalHits(t -> t.enabled(false))
              .sort(o -> o.field(f -> f.field(ConsentFields.OCCURRED_AT).order(SortOrder.Asc)));
          source.accept(s);
          if (from != null) {
            s.searchAfter(from);
          }
          return s;
        }, Map.class);
        List<Hit<Map>> hits = page.hits().hits();
        rows += hits.size();
        if (hits.size() < BATCH) {
          return rows;
        }
        pit = page.pitId();
        after = hits.get(hits.size() - 1).sort();
      }
    } finally {
      String last = pit;
      es.closePointInTime(c -> c.id(last));
    }
  }
}
