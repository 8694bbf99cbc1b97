package org.qianhe.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.transport.endpoints.BinaryResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link ConsentIndexClient#searchJson}: the answer as Elasticsearch wrote it, collected in blocks. */
@ExtendWith(LocalStackExtension.class)
class SearchJsonIT {

  private static final int CONSENTS = 700;
  private static ConsentIndexClient index;

  @BeforeAll
  static void connect(ElasticsearchNode node) throws IOException {
    index = ConsentIndexClient.connect(node.httpUrl());
    index.client().indices().delete(d -> d.index(ConsentIndexClient.FIRST_INDEX).ignoreUnavailable(true));
    index.ensureIndex();
    try (ConsentBulkWriter writer = new ConsentBulkWriter(index.client(), BulkWriterSettings.defaults())) {
      TestConsents.generate(41, CONSENTS).records().forEach(writer::add);
    }
    index.refresh();
  }

  @AfterAll
  static void disconnect() throws IOException {
    index.close();
  }

  @Test
  @SuppressWarnings("rawtypes")
  void anAnswerOfManyBlocksIsTheSameAnswerTheTypedClientReads() throws IOException {
    SearchRequest request = SearchRequest.of(s -> s.index(ConsentIndexClient.ALIAS).size(CONSENTS)
        .sort(o -> o.field(f -> f.field(ConsentFields.CONSENT_ID).order(SortOrder.Asc))));

    byte[] json;
    try (BinaryResponse response = index.searchJson(request); InputStream in = response.content()) {
      json = in.readAllBytes();
    }
    List<Hit<Map>> typed = index.client().search(request, Map.class).hits().hits();

    assertThat(json.length).isGreaterThan(3 * BlockResponseConsumer.BLOCK);
    JsonMapper mapper = JsonMapper.builder().build();
    JsonNode hits = mapper.readTree(json).path("hits").path("hits");
    assertThat(hits.size()).isEqualTo(CONSENTS);
    List<String> ids = new ArrayList<>();
    hits.forEach(hit -> ids.add(hit.path("_id").asString()));
    assertThat(ids).containsExactlyElementsOf(typed.stream().map(Hit::id).toList());
    for (int i = 0; i < CONSENTS; i++) {
      assertThat(mapper.convertValue(hits.get(i).path("_source"), Map.class)).isEqualTo(typed.get(i).source());
    }
  }

  @Test
  void aRefusalIsThrownAsByTheTypedClient() {
    SearchRequest request = SearchRequest.of(s -> s.index("consents-that-do-not-exist"));

    assertThatExceptionOfType(ElasticsearchException.class)
        .isThrownBy(() -> index.searchJson(request).close())
        .satisfies(e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.error().type()).isEqualTo("index_not_found_exception");
        });
  }
}
