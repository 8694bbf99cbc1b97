package org.qianhe.ops.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches an index for documents becoming searchable and notes when each was first seen, by
 * asking for the ids still pending, as an analyst's search would find them.
 */
final class VisibilityProbe {

  private static final int IDS_PER_QUERY = 2_000;

  private final ElasticsearchClient client;
  private final String index;
  private final Map<String, Long> pendingSince = new ConcurrentHashMap<>();
  private final Map<String, Long> visibleAfterMs = new ConcurrentHashMap<>();

  VisibilityProbe(ElasticsearchClient client, String index) {
    this.client = client;
    this.index = index;
  }

  void expect(String id, long sentAtNanos) {
    pendingSince.put(id, sentAtNanos);
  }

  /** One round of queries; returns how many are still pending. */
  int poll() throws IOException {
    List<String> pending = new ArrayList<>(pendingSince.keySet());
    for (int from = 0; from < pending.size(); from += IDS_PER_QUERY) {
      List<FieldValue> ids = pending.subList(from, Math.min(pending.size(), from + IDS_PER_QUERY))
          .stream().map(FieldValue::of).toList();
      SearchResponse<Void> response = client.search(s -> s.index(index).size(ids.size())
          .source(src -> src.fetch(false))
          .query(q -> q.ids(i -> i.values(ids.stream().map(FieldValue::stringValue).toList()))), Void.class);
      long now = System.nanoTime();
      for (Hit<Void> hit : response.hits().hits()) {
        Long sent = pendingSince.remove(hit.id());
        if (sent != null) {
          visibleAfterMs.put(hit.id(), (now - sent) / 1_000_000);
        }
      }
    }
    return pendingSince.size();
  }

  int pending() {
    return pendingSince.size();
  }

  Percentiles freshness() {
    return new Percentiles(visibleAfterMs.values());
  }
}
