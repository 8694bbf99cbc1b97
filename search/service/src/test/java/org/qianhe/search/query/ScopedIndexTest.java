package org.qianhe.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qianhe.search.query.ScopedIndex.Reading;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.security.RegionScope;
import org.qianhe.search.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The scope is part of every request's query, whatever the caller shaped, and the sealed identity stays out. */
class ScopedIndexTest {

  private static final Analyst ZHENGZHOU = analyst("4101");
  private static final Query LOT = Query.of(q -> q.term(t -> t.field("lotNumber").value("202501A")));

  @Test
  void theScopeIsAFilterBesideTheCriteria() {
    JsonNode filters = body(ScopedIndex.request(ZHENGZHOU, LOT, null, Reading.MASKED, b -> b)).path("query").path("bool").path("filter");

    assertThat(filters).hasSize(2);
    assertThat(filters.get(0).path("term").path("lotNumber").path("value").asString()).isEqualTo("202501A");
    assertThat(filters.get(1).path("prefix").path("regionCode").path("value").asString()).isEqualTo("4101");
  }

  @Test
  void aShaperCannotReplaceTheQueryOrAskForTheSealedIdentity() {
    JsonNode body = body(ScopedIndex.request(ZHENGZHOU, LOT, null, Reading.MASKED,
        b -> b.query(q -> q.matchAll(m -> m)).source(s -> s.filter(f -> f.includes("identitySealed")))));

    assertThat(body.path("query").path("bool").path("filter").get(1).path("prefix").path("regionCode").path("value").asString())
        .isEqualTo("4101");
    assertThat(body.path("_source").path("excludes").get(0).asString()).isEqualTo("identitySealed");
    assertThat(body.path("_source").path("includes").isMissingNode()).isTrue();
  }

  @Test
  void onlyTheUnmaskLookupReadsTheSealedIdentity() {
    JsonNode body = body(ScopedIndex.request(ZHENGZHOU, LOT, null, Reading.UNMASK, b -> b));

    assertThat(body.path("_source").path("excludes").isMissingNode()).isTrue();
    assertThat(body.path("stored_fields")).extracting(JsonNode::asString)
        .containsExactly("identitySealed.keyId", "identitySealed.algorithm", "identitySealed.ciphertext");
    assertThat(body.path("query").path("bool").path("filter")).hasSize(2);
  }

  @Test
  void anExportTakesTheSourceAsStoredAndNoStoredField() {
    JsonNode body = body(ScopedIndex.request(ZHENGZHOU, LOT, null, Reading.AS_STORED, b -> b));

    assertThat(body.path("_source").asBoolean()).isTrue();
    assertThat(body.has("stored_fields")).isFalse();
    assertThat(body.path("query").path("bool").path("filter")).hasSize(2);
  }

  @Test
  void aShaperAskingForStoredFieldsOutsideAnUnmaskIsRefused() {
    for (Reading reading : List.of(Reading.MASKED, Reading.AS_STORED)) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> ScopedIndex.request(ZHENGZHOU, LOT, null, reading, b -> b.storedFields("identitySealed.ciphertext")))
          .withMessageContaining("unmask lookup only");
    }
  }

  @Test
  void scopesBecomeTermsPrefixesAnyOfThemNothingOrEverything() {
    assertThat(json(ConsentQueries.scope(RegionScope.of(List.of("410102")))).path("term").path("regionCode")
        .path("value").asString()).isEqualTo("410102");
    JsonNode two = json(ConsentQueries.scope(RegionScope.of(List.of("4103", "4101")))).path("bool");
    assertThat(two.path("should")).hasSize(2);
    assertThat(two.path("minimum_should_match").asString()).isEqualTo("1");
    assertThat(json(ConsentQueries.scope(RegionScope.of(List.of()))).has("match_none")).isTrue();
    assertThat(json(ConsentQueries.scope(RegionScope.of(List.of("*")))).has("match_all")).isTrue();
  }

  private static Analyst analyst(String... prefixes) {
    return new Analyst("a", "A", Set.of(Role.ANALYST), RegionScope.of(List.of(prefixes)));
  }

  private static JsonNode body(SearchRequest request) {
    String text = request.toString();
    return JsonMapper.builder().build().readTree(text.substring(text.indexOf('{')));
  }

  private static JsonNode json(Query query) {
    String text = query.toString();
    return JsonMapper.builder().build().readTree(text.substring(text.indexOf('{')));
  }
}
