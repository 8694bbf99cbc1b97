package org.qianhe.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.search.index.ConsentIndexClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * After every other integration test has searched, viewed, unmasked, viewed evidence, reviewed
 * paper pages and exported (this class runs last, see junit-platform.properties): no raw name, ID
 * number or phone in any Elasticsearch document, nor anywhere in what the service logged.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith({LocalStackExtension.class, SearchFixtureExtension.class})
class PrivacyScanIT {

  @Test
  void noElasticsearchDocumentHoldsARawIdentity(SearchFixture f, ElasticsearchNode node) throws IOException {
    List<String> sources = new ArrayList<>();
    try (ConsentIndexClient index = ConsentIndexClient.connect(node.httpUrl())) {
      // _source and every stored field: the sealed identity is kept outside _source
      @SuppressWarnings("rawtypes")
      SearchResponse<Map> all = index.client().search(s -> s.index(ConsentIndexClient.ALIAS).size(10_000)
          .source(src -> src.fetch(true)).storedFields("*"), Map.class);
      for (Hit<?> hit : all.hits().hits()) {
        assertThat(hit.fields()).as("stored fields of %s", hit.id()).containsKeys(ConsentDocuments.SEALED_IDENTITY_FIELDS.toArray(String[]::new));
        sources.add(JsonMapper.builder().build().writeValueAsString(hit.source()));
        sources.add(JsonMapper.builder().build().writeValueAsString(hit.fields()));
      }
    }
    assertThat(sources).hasSize(2 * f.consents().records().size());
    String everything = String.join("\n", sources);
    for (String raw : f.consents().rawIdentities()) {
      assertThat(everything).doesNotContain(raw);
    }
  }

  @Test
  void theServiceLogsNoRawIdentity(SearchFixture f) throws IOException {
    // something to look at even when this class runs alone: a search, an unmask and a refused unmask
    f.get(SearchFixture.PROVINCE, "/v1/trace?lot=" + f.consents().records().get(0).getVaccination().getLotNumber());
    String consent = f.inRegion("4101").get(0).getConsentId();
    f.postForm(SearchFixture.OFFICER, "/v1/consents/" + consent + "/unmask", Map.of("reason", "privacy scan of the logs"));
    f.postForm(SearchFixture.ZHENGZHOU, "/v1/trace", Map.of("childId", f.consents().uploads().get(0).getChild().getIdNumber()));
    // and a page under review, opened and approved with a corrected identity, and a refused decision
    TestReviews reviews = new TestReviews(f);
    String page = reviews.pending("410102");
    UiSession reviewer = UiSession.login(f, SearchFixture.REVIEWER);
    assertThat(reviewer.post("/review/" + page + "/approve", "/review/" + page,
        Map.of("value.childName", TestReviews.CORRECTED_NAME)).statusCode()).isEqualTo(302);
    assertThat(reviewer.post("/review/" + page + "/approve", "/review/" + page,
        Map.of("value.childName", TestReviews.CORRECTED_NAME)).statusCode()).isEqualTo(409);

    Path log = Path.of(System.getProperty("qianhe.test.log", "target/test-app.log"));
    String logged = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(logged).contains("BootstrapAccounts").contains("read the ingest keys");
    for (String raw : f.consents().rawIdentities()) {
      assertThat(logged).doesNotContain(raw);
    }
    for (String raw : TestReviews.rawIdentities()) {
      assertThat(logged).doesNotContain(raw);
    }
    for (String user : List.of(SearchFixture.ADMIN, SearchFixture.ZHENGZHOU, SearchFixture.OFFICER)) {
      assertThat(logged).doesNotContain(SearchFixture.password(user));
    }
  }
}
