package org.qianhe.search.trace;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.search.system.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs trace queries against the {@code consents} alias. Filters only (no scoring: a recall
 * wants every match, not the best ones), a total that is exact rather than capped at 10 000,
 * and {@code search_after} paging on (occurredAt, consentId), a sort that never ties, so no
 * consent appears on two pages.
 */
@Component
class ConsentTraces {

  private static final Logger log = LoggerFactory.getLogger(ConsentTraces.class);

  private final ConsentIndexClient index;

  ConsentTraces(ConsentIndexClient index) {
    this.index = index;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  TracePage find(TraceQuery query) {
    SearchResponse<Map> response;
    try {
      response = index.client().search(request(query), Map.class);
    } catch (ElasticsearchException e) {
      log.warn("trace search refused: {} {}", e.status(), e.error().type());
      if ("index_not_found_exception".equals(e.error().type())) {
        throw ProblemException.searchUnavailable("No consent has been indexed yet: the consent index does not exist.");
      }
      throw e;
    } catch (IOException e) {
      log.warn("trace search failed: {}", e.getClass().getName());
      throw ProblemException.searchUnavailable("Elasticsearch cannot be reached; try again later.");
    }
    List<Hit<Map>> hits = response.hits().hits();
    boolean more = hits.size() > query.size();
    List<Map<String, Object>> results = new ArrayList<>(Math.min(hits.size(), query.size()));
    for (Hit<Map> hit : hits.subList(0, Math.min(hits.size(), query.size()))) {
      results.add((Map<String, Object>) hit.source());
    }
    String next = more ? cursorOf(hits.get(query.size() - 1)).encode() : null;
    long total = response.hits().total() == null ? results.size() : response.hits().total().value();
    return new TracePage(total, results, next);
  }

  /** One more than the page, to know whether another page follows without an empty last page. */
  static SearchRequest request(TraceQuery query) {
    return SearchRequest.of(s -> {
      s.index(ConsentIndexClient.ALIAS)
          .query(filters(query))
          .trackTotalHits(t -> t.enabled(true))
          .size(query.size() + 1)
          .sort(o -> o.field(f -> f.field(ConsentFields.OCCURRED_AT).order(SortOrder.Asc)))
          .sort(o -> o.field(f -> f.field(ConsentFields.CONSENT_ID).order(SortOrder.Asc)));
      if (query.after() != null) {
        s.searchAfter(FieldValue.of(query.after().occurredAtMillis()), FieldValue.of(query.after().consentId()));
      }
      return s;
    });
  }

  private static Query filters(TraceQuery query) {
    List<Query> filters = new ArrayList<>();
    // sealed, so these two are all there are (pattern switch is not in Java 17)
    if (query.criteria() instanceof TraceQuery.ByLot lot) {
      filters.add(term(ConsentFields.LOT_NUMBER, lot.lot()));
      if (lot.vaccine() != null) {
        filters.add(term(ConsentFields.VACCINE_CODE, lot.vaccine()));
      }
    } else if (query.criteria() instanceof TraceQuery.BySitePeriod site) {
      filters.add(term(ConsentFields.SITE_CODE, site.site()));
      filters.add(Query.of(q -> q.range(r -> r.date(d -> d.field(ConsentFields.OCCURRED_AT)
          .gte(site.start().toString()).lt(site.endExclusive().toString())))));
    }
    if (query.decision() != null) {
      filters.add(term(ConsentFields.DECISION, query.decision().name()));
    }
    return Query.of(q -> q.bool(b -> b.filter(filters)));
  }

  private static Query term(String field, String value) {
    return Query.of(q -> q.term(t -> t.field(field).value(value)));
  }

  @SuppressWarnings("rawtypes")
  private static TraceCursor cursorOf(Hit<Map> hit) {
    List<FieldValue> sort = hit.sort();
    return new TraceCursor(sort.get(0).longValue(), sort.get(1).stringValue());
  }
}
