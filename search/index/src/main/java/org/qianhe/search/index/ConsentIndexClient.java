package org.qianhe.search.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;
import co.elastic.clients.transport.endpoints.BinaryEndpoint;
import co.elastic.clients.transport.endpoints.BinaryResponse;
import co.elastic.clients.transport.rest5_client.Rest5ClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Elasticsearch client of a process (mapper and transport are meant to be singletons),
 * plus the index layout every writer and reader agrees on: a composable template for
 * {@code consents-*} and the alias {@code consents} in front of the current write index.
 *
 * <p>Works on the {@code integ-test-zip} node as on a full cluster: it never calls {@code GET /}
 * (client {@code info()}/{@code ping()}), ingest pipelines, ILM or data streams; liveness is
 * cluster health.
 */
public final class ConsentIndexClient implements AutoCloseable {

  /** Readers and writers address the alias, never a concrete index, so a rebuild can swap it. */
  public static final String ALIAS = "consents";
  public static final String TEMPLATE_NAME = "consents";
  public static final String FIRST_INDEX = "consents-000001";
  static final String TEMPLATE_RESOURCE = "consents-template.json";
  private static final String MAPPING_VERSION = "mappingVersion";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private static final BinaryEndpoint<SearchRequest> SEARCH_AS_JSON = asJson(SearchRequest._ENDPOINT);

  private final ElasticsearchClient client;
  /** The client's options, with answers collected in blocks rather than one growing array: for {@link #searchJson}. */
  private final TransportOptions blockAnswers;

  private ConsentIndexClient(ElasticsearchClient client) {
    this.client = client;
    Rest5ClientOptions.Builder options = Rest5ClientOptions.of(client._transport().options()).toBuilder();
    options.restClientRequestOptionsBuilder().setHttpAsyncResponseConsumerFactory(BlockResponseConsumer::new);
    this.blockAnswers = options.build();
  }

  /**
   * Connects to a node by its HTTP URL, e.g. {@code http://127.0.0.1:9200}. No request is sent
   * yet. Jackson 3 serialises documents (elasticsearch-java 9 supports both; Jackson 3 keeps
   * clear of the Jackson 2 that Flink and Avro bring).
   */
  public static ConsentIndexClient connect(String url) {
    URI uri = URI.create(url);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("Elasticsearch URL must look like http://host:9200, got " + url);
    }
    return new ConsentIndexClient(ElasticsearchClient.of(b -> b.host(url).jsonMapper(new Jackson3JsonpMapper())));
  }

  public ElasticsearchClient client() {
    return client;
  }

  /**
   * {@link #ensureTemplate}, then checks that every index behind the alias has this release's
   * mapping version and puts the template's mapping on them: fields added to the template within
   * a version (the mapping is {@code dynamic: strict}, so a writer's new field would otherwise fail
   * every document) are added in place. Writers call this before their first document.
   *
   * @throws IllegalStateException when an index behind the alias was made by an older mapping
   *     version: its layout cannot change in place (which fields are stored, what {@code _source}
   *     keeps), so it must be rebuilt with the batch-jobs {@code reindex} job first
   */
  public void ensureIndex() throws IOException {
    ensureTemplate();
    int current = mappingVersion();
    client.indices().getMapping(m -> m.index(ALIAS)).mappings().forEach((name, mapping) -> {
      JsonData version = mapping.mappings().meta() == null ? null : mapping.mappings().meta().get(MAPPING_VERSION);
      int found = version == null ? 1 : version.to(Integer.class);
      if (found != current) {
        throw new IllegalStateException("index " + name + " behind alias " + ALIAS + " has mapping version " + found
            + ", this release writes version " + current + " (sealed identity outside _source, sorted by region"
            + " and time); rebuild it with the batch-jobs 'reindex' job before writing to it");
      }
    });
    String mappings = mappingsJson();
    client.indices().putMapping(m -> m.index(ALIAS).withJson(new StringReader(mappings)));
  }

  /**
   * Puts the index template (always: the resource is the source of truth and putting it is
   * idempotent) and creates the first index behind the write alias when no alias exists yet,
   * leaving indices that exist as they are (a rebuild reads them whatever their version). Safe
   * to call from several processes at once. Returns when the alias' primaries are active.
   */
  public void ensureTemplate() throws IOException {
    try (InputStream template = templateJson()) {
      client.indices().putIndexTemplate(t -> t.name(TEMPLATE_NAME).withJson(template));
    }
    if (!aliasExists()) {
      try {
        client.indices().create(c -> c.index(FIRST_INDEX).aliases(ALIAS, a -> a.isWriteIndex(true)));
      } catch (ElasticsearchException e) {
        // another process won the race; anything else is a real problem
        if (!"resource_already_exists_exception".equals(e.error().type())) {
          throw e;
        }
        if (!aliasExists()) {
          throw new IllegalStateException("index " + FIRST_INDEX + " exists but alias " + ALIAS
              + " does not; point the alias at the current index before writing");
        }
      }
    }
    waitForPrimaries();
  }

  /** The layout version of the template's mapping ({@code mappings._meta.mappingVersion}), raised when a change needs a rebuild. */
  static int mappingVersion() throws IOException {
    try (InputStream in = templateJson()) {
      return JsonMapper.builder().build().readTree(in).path("template").path("mappings").path("_meta")
          .path(MAPPING_VERSION).asInt();
    }
  }

  /** The {@code template.mappings} part of the template: what {@code PUT <index>/_mapping} takes. */
  static String mappingsJson() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    try (InputStream in = templateJson()) {
      JsonNode mappings = json.readTree(in).path("template").path("mappings");
      return json.writeValueAsString(mappings);
    }
  }

  /**
   * Sends a search built with the typed client and hands back the answer as Elasticsearch wrote
   * it: for readers that pass thousands of hits on (CSV exports, JSON answers) and would only
   * waste time and memory turning each into objects first. The request is exactly what
   * {@code client().search(request, ...)} sends, and a refusal is thrown the same way
   * ({@link ElasticsearchException} with status and error type). The caller closes the response.
   *
   * <p>No {@code filter_path}, on purpose: under a response filter Elasticsearch can no longer
   * copy each hit's stored {@code _source} bytes into the answer, and parses and writes every one
   * of them again instead. The few fields it then adds per hit cost the reader far less.
   */
  public BinaryResponse searchJson(SearchRequest request) throws IOException {
    return client._transport().performRequest(request, SEARCH_AS_JSON, blockAnswers);
  }

  private static BinaryEndpoint<SearchRequest> asJson(Endpoint<SearchRequest, ?, ?> search) {
    return new BinaryEndpoint<>(search.id(), search::method, search::requestUrl, search::pathParameters,
        search::queryParameters, search::headers, search::body, ErrorResponse._DESERIALIZER);
  }

  /** Documents visible through the alias (after the last refresh). */
  public long count() throws IOException {
    return client.count(c -> c.index(ALIAS)).count();
  }

  /** Makes everything written so far searchable now instead of within the refresh interval. */
  public void refresh() throws IOException {
    client.indices().refresh(r -> r.index(ALIAS));
  }

  /** Cluster health: the liveness check that works without {@code GET /}. */
  public HealthStatus health() throws IOException {
    return client.cluster().health().status();
  }

  public boolean aliasExists() throws IOException {
    return client.indices().existsAlias(a -> a.name(ALIAS)).value();
  }

  /** The template exactly as this module ships it; the only copy of the mapping. */
  public static InputStream templateJson() {
    InputStream in = ConsentIndexClient.class.getResourceAsStream(TEMPLATE_RESOURCE);
    if (in == null) {
      throw new UncheckedIOException(new IOException("resource " + TEMPLATE_RESOURCE + " missing from the jar"));
    }
    return in;
  }

  /**
   * Yellow, not green: writes need the primary; replicas on a production cluster may still be
   * allocating, and a single node with replicas would never turn green.
   */
  private void waitForPrimaries() throws IOException {
    HealthResponse health = client.cluster().health(h -> h.index(ALIAS)
        .waitForStatus(HealthStatus.Yellow).timeout(t -> t.time(READY_TIMEOUT.toSeconds() + "s")));
    if (health.timedOut()) {
      throw new IOException("index behind alias " + ALIAS + " not ready after " + READY_TIMEOUT
          + " (status " + health.status() + ")");
    }
  }

  /** Closes the transport (the HTTP client and its threads). */
  @Override
  public void close() throws IOException {
    client._transport().close();
  }
}
