package org.qianhe.search.trace;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.query.ConsentQueries;
import org.qianhe.search.query.ScopeGuard;
import org.qianhe.search.query.ScopedIndex;
import org.qianhe.search.query.TraceCriteria;
import org.qianhe.search.query.TraceCursor;
import org.qianhe.search.query.TraceQuery;
import org.qianhe.search.query.TraceSort;
import org.qianhe.search.security.Analyst;
import org.springframework.stereotype.Service;

/**
 * Trace pages and their aggregations, each audited before it is answered. Totals are exact
 * rather than capped at 10 000; paging uses {@code search_after} on (sort field, consentId), an
 * order that never ties, so no consent appears on two pages.
 */
@Service
public class ConsentTraces {

  static final int SITE_BUCKETS = 20;
  static final int VACCINE_BUCKETS = 30;

  private final ScopedIndex index;
  private final ScopeGuard guard;
  private final AuditLog audit;

  ConsentTraces(ScopedIndex index, ScopeGuard guard, AuditLog audit) {
    this.index = index;
    this.guard = guard;
    this.audit = audit;
  }

  /** A page as objects, for the web UI's templates. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public TracePage find(Analyst who, TraceQuery query) {
    guard.check(who, query.criteria());
    SearchResponse<Map> response = index.search(who, ConsentQueries.criteria(query.criteria()), null, page(query));
    List<Hit<Map>> hits = response.hits().hits();
    int shown = Math.min(hits.size(), query.size());
    List<Map<String, Object>> results = new ArrayList<>(shown);
    for (Hit<Map> hit : hits.subList(0, shown)) {
      results.add((Map<String, Object>) hit.source());
    }
    String next = hits.size() > query.size() ? cursorOf(query.sort(), hits.get(query.size() - 1)).encode() : null;
    long total = response.hits().total() == null ? results.size() : response.hits().total().value();
    audit.record(AuditEvent.of(who.username(), AuditAction.SEARCH, summary(query), total));
    return new TracePage(total, results, next);
  }

  /**
   * The same page as {@link #find}, as the JSON bytes of a {@link TracePage}, copied from
   * Elasticsearch's answer without a map per consent: what the REST API sends.
   */
  public byte[] findJson(Analyst who, TraceQuery query) {
    guard.check(who, query.criteria());
    TracePageJson page = index.searchJson(who, ConsentQueries.criteria(query.criteria()), null,
        page(query), json -> TracePageJson.read(json, query.size(), query.sort()));
    audit.record(AuditEvent.of(who.username(), AuditAction.SEARCH, summary(query), page.total()));
    return page.json();
  }

  /** Exact total, one hit more than the page (to know whether another follows), sorted without ties. */
  private static UnaryOperator<SearchRequest.Builder> page(TraceQuery query) {
    TraceSort sort = query.sort();
    SortOrder order = sort.descending() ? SortOrder.Desc : SortOrder.Asc;
    return s -> {
      s.trackTotalHits(t -> t.enabled(true)).size(query.size() + 1)
          .sort(o -> o.field(f -> f.field(sort.field()).order(order)))
          .sort(o -> o.field(f -> f.field(ConsentFields.CONSENT_ID).order(SortOrder.Asc)));
      if (query.after() != null) {
        s.searchAfter(FieldValue.of(query.after().sortValue()), FieldValue.of(query.after().consentId()));
      }
      return s;
    };
  }

  @SuppressWarnings("rawtypes")
  public TraceStats stats(Analyst who, TraceCriteria criteria) {
    guard.check(who, criteria);
    SearchResponse<Map> response = index.search(who, ConsentQueries.criteria(criteria), List.of(), s -> s
        .size(0).trackTotalHits(t -> t.enabled(true))
        .aggregations("bySite", a -> a.terms(t -> t.field(ConsentFields.SITE_CODE).size(SITE_BUCKETS)))
        .aggregations("byVaccine", a -> a.terms(t -> t.field(ConsentFields.VACCINE_CODE).size(VACCINE_BUCKETS)))
        .aggregations("byDay", a -> a.dateHistogram(d -> d.field(ConsentFields.OCCURRED_AT)
            .calendarInterval(CalendarInterval.Day).timeZone(ConsentValidator.CLINIC_ZONE.getId())
            .format("yyyy-MM-dd").minDocCount(1))));
    long total = response.hits().total() == null ? 0 : response.hits().total().value();
    TraceStats stats = new TraceStats(total, terms(response.aggregations().get("bySite")),
        days(response.aggregations().get("byDay")), terms(response.aggregations().get("byVaccine")));
    audit.record(AuditEvent.of(who.username(), AuditAction.SEARCH, "stats " + criteria.summary(), total));
    return stats;
  }

  private static String summary(TraceQuery query) {
    String summary = query.criteria().summary();
    if (query.sort() != TraceSort.DEFAULT) {
      summary += " sort=" + query.sort().parameter();
    }
    return query.after() == null ? summary : summary + " (next page)";
  }

  private static List<TraceStats.Bucket> terms(Aggregate aggregate) {
    return aggregate.sterms().buckets().array().stream()
        .map(b -> new TraceStats.Bucket(b.key().stringValue(), b.docCount())).toList();
  }

  private static List<TraceStats.Bucket> days(Aggregate aggregate) {
    return aggregate.dateHistogram().buckets().array().stream()
        .map(b -> new TraceStats.Bucket(b.keyAsString(), b.docCount())).toList();
  }

  @SuppressWarnings("rawtypes")
  private static TraceCursor cursorOf(TraceSort sort, Hit<Map> hit) {
    List<FieldValue> values = hit.sort();
    FieldValue primary = values.get(0);
    String value = primary.isLong() ? Long.toString(primary.longValue()) : primary.stringValue();
    return new TraceCursor(sort, value, values.get(1).stringValue());
  }
}
