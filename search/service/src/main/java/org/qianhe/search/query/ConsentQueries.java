package org.qianhe.search.query;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.util.ArrayList;
import java.util.List;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.security.RegionScope;

/**
 * Criteria and region scope as Elasticsearch filters. Filters only, no scoring: a recall wants
 * every match, not the best ones, and filters are cached.
 */
public final class ConsentQueries {

  private ConsentQueries() {}

  /** The criteria alone; {@link ScopedIndex} adds the scope. */
  public static Query criteria(TraceCriteria c) {
    List<Query> filters = new ArrayList<>();
    term(filters, ConsentFields.LOT_NUMBER, c.lot());
    term(filters, ConsentFields.VACCINE_CODE, c.vaccine());
    term(filters, ConsentFields.SITE_CODE, c.site());
    term(filters, ConsentFields.TERMINAL_ID, c.terminal());
    term(filters, ConsentFields.CHILD_KEY, c.childKey());
    term(filters, ConsentFields.GUARDIAN_KEY, c.guardianKey());
    term(filters, ConsentFields.DECISION, c.decision() == null ? null : c.decision().name());
    term(filters, ConsentFields.SOURCE, c.source() == null ? null : c.source().name());
    if (c.region() != null) {
      filters.add(region(c.region()));
    }
    if (c.from() != null) {
      filters.add(Query.of(q -> q.range(r -> r.date(d -> d.field(ConsentFields.OCCURRED_AT)
          .gte(c.start().toString()).lt(c.endExclusive().toString())))));
    }
    return Query.of(q -> q.bool(b -> b.filter(filters)));
  }

  /** One consent by id. */
  public static Query byId(String consentId) {
    return Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field(ConsentFields.CONSENT_ID).value(consentId)))));
  }

  /**
   * The consents a scope may see: nothing for an empty scope, everything for {@code *}, else
   * any of the prefixes (a full 6-digit code as a term, which is cheaper than a prefix).
   */
  public static Query scope(RegionScope scope) {
    if (scope.all()) {
      return Query.of(q -> q.matchAll(m -> m));
    }
    if (scope.isEmpty()) {
      return Query.of(q -> q.matchNone(m -> m));
    }
    List<Query> any = scope.prefixes().stream().sorted().map(ConsentQueries::region).toList();
    return any.size() == 1 ? any.get(0) : Query.of(q -> q.bool(b -> b.should(any).minimumShouldMatch("1")));
  }

  private static Query region(String prefix) {
    return prefix.length() == 6
        ? Query.of(q -> q.term(t -> t.field(ConsentFields.REGION_CODE).value(prefix)))
        : Query.of(q -> q.prefix(p -> p.field(ConsentFields.REGION_CODE).value(prefix)));
  }

  private static void term(List<Query> filters, String field, String value) {
    if (value != null) {
      filters.add(Query.of(q -> q.term(t -> t.field(field).value(value))));
    }
  }
}
