package org.qianhe.search.query;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.transport.endpoints.BinaryResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The only way this service reads consents from Elasticsearch. Every request, whatever shape
 * the caller gives it (page, aggregation, export batch, lookup by id), gets the caller's region
 * scope as a filter inside its query, set after the caller's shaping so that it cannot be
 * replaced; and only the one lookup an unmask makes asks for the sealed identity's stored fields
 * ({@link Reading}). Totals, buckets and lookups therefore never count or reveal a consent of
 * another region.
 */
@Component
public class ScopedIndex {

  private static final Logger log = LoggerFactory.getLogger(ScopedIndex.class);

  private final ConsentIndexClient index;

  ScopedIndex(ConsentIndexClient index) {
    this.index = index;
  }

  /** What a request reads of each consent it finds. */
  public enum Reading {
    /**
     * {@code _source} with the sealed identity excluded: since mapping version 3 it is not there
     * (it lives in stored fields), but indices written before kept it in {@code _source}.
     */
    MASKED,
    /**
     * {@code _source} exactly as stored, with no filter for Elasticsearch to parse and write again
     * for every hit: an export's batches, which pick their columns out of it themselves (so even
     * an index older than version 3 would not let the sealed identity into a file).
     */
    AS_STORED,
    /** {@code _source} and the sealed identity's stored fields: the unmask lookup, the one place it is read. */
    UNMASK
  }

  /** The criteria, narrowed to what the analyst may see. */
  public static Query scoped(Analyst who, Query criteria) {
    Query scope = ConsentQueries.scope(who.scope());
    return Query.of(q -> q.bool(b -> b.filter(criteria).filter(scope)));
  }

  /**
   * Searches the {@code consents} alias.
   *
   * @param includes the {@code _source} fields wanted, or null for all (never the sealed identity)
   */
  @SuppressWarnings("rawtypes")
  public SearchResponse<java.util.Map> search(Analyst who, Query criteria, List<String> includes,
      UnaryOperator<SearchRequest.Builder> shape) {
    return run(who, criteria, includes, Reading.MASKED, b -> shape.apply(b.index(ConsentIndexClient.ALIAS)));
  }

  /** The lookup an unmask makes: the one place the sealed identity is read. */
  @SuppressWarnings("rawtypes")
  public SearchResponse<java.util.Map> searchWithSealedIdentity(Analyst who, Query criteria,
      UnaryOperator<SearchRequest.Builder> shape) {
    return run(who, criteria, null, Reading.UNMASK, b -> shape.apply(b.index(ConsentIndexClient.ALIAS)));
  }

  /** Reads an answer's JSON as it streams in. */
  @FunctionalInterface
  public interface JsonReader<T> {
    T read(InputStream json) throws IOException;
  }

  /**
   * {@link #search}, with the answer read straight from its JSON bytes: for answers passed on
   * without turning each hit into a map.
   */
  public <T> T searchJson(Analyst who, Query criteria, List<String> includes,
      UnaryOperator<SearchRequest.Builder> shape, JsonReader<T> reader) {
    return runJson(who, criteria, includes, Reading.MASKED,
        b -> shape.apply(b.index(ConsentIndexClient.ALIAS)), reader);
  }

  /**
   * One request inside a point in time (the point in time itself carries no data), read from its
   * JSON bytes like {@link #searchJson}, with {@code _source} as stored: the batches of an export.
   */
  public <T> T searchAtJson(Analyst who, String pointInTime, Duration keepAlive, Query criteria,
      UnaryOperator<SearchRequest.Builder> shape, JsonReader<T> reader) {
    return runJson(who, criteria, null, Reading.AS_STORED,
        b -> shape.apply(b.pit(p -> p.id(pointInTime).keepAlive(t -> t.time(keepAlive.toSeconds() + "s")))), reader);
  }

  public String openPointInTime(Duration keepAlive) {
    try {
      return index.client().openPointInTime(o -> o.index(ConsentIndexClient.ALIAS)
          .keepAlive(t -> t.time(keepAlive.toSeconds() + "s"))).id();
    } catch (ElasticsearchException e) {
      throw translate(e);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Frees the point in time; a failure only costs Elasticsearch memory until it expires. */
  public void closePointInTime(String id) {
    try {
      index.client().closePointInTime(c -> c.id(id));
    } catch (IOException | ElasticsearchException e) {
      log.warn("point in time not closed ({}); it expires by itself", e.getClass().getSimpleName());
    }
  }

  @SuppressWarnings("rawtypes")
  private SearchResponse<java.util.Map> run(Analyst who, Query criteria, List<String> includes, Reading reading,
      UnaryOperator<SearchRequest.Builder> shape) {
    if (!who.reads()) {
      throw new AccessDeniedException("no role that reads consents");
    }
    SearchRequest request = request(who, criteria, includes, reading, shape);
    try {
      return index.client().search(request, java.util.Map.class);
    } catch (ElasticsearchException e) {
      throw translate(e);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private <T> T runJson(Analyst who, Query criteria, List<String> includes, Reading reading,
      UnaryOperator<SearchRequest.Builder> shape, JsonReader<T> reader) {
    if (!who.reads()) {
      throw new AccessDeniedException("no role that reads consents");
    }
    SearchRequest request = request(who, criteria, includes, reading, shape);
    try (BinaryResponse response = index.searchJson(request); InputStream json = response.content()) {
      return reader.read(json);
    } catch (ElasticsearchException e) {
      throw translate(e);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /**
   * The request as sent: the caller's shaping, then the scoped query and what to read on top.
   *
   * @param includes the {@code _source} fields wanted ({@link Reading#MASKED} only), or null for all
   * @throws IllegalArgumentException when the shaping asks for stored fields outside an unmask
   */
  static SearchRequest request(Analyst who, Query criteria, List<String> includes, Reading reading,
      UnaryOperator<SearchRequest.Builder> shape) {
    Query query = scoped(who, criteria);
    SearchRequest request = SearchRequest.of(b -> {
      shape.apply(b);
      // last, so no shaping can widen the query or bring back the sealed identity
      b.query(query);
      switch (reading) {
        case MASKED -> b.source(s -> s.filter(f -> {
          if (includes != null) {
            f.includes(includes);
          }
          return f.excludes(ConsentDocuments.SEALED_IDENTITY);
        }));
        case AS_STORED -> b.source(s -> s.fetch(true));
        case UNMASK -> b.source(s -> s.fetch(true)).storedFields(ConsentDocuments.SEALED_IDENTITY_FIELDS);
      }
      return b;
    });
    if (reading != Reading.UNMASK && !request.storedFields().isEmpty()) {
      // the builder adds to stored_fields rather than replacing them, so a shaping that asked is refused outright
      throw new IllegalArgumentException("stored fields are read by the unmask lookup only, not " + request.storedFields());
    }
    return request;
  }

  private static RuntimeException translate(ElasticsearchException e) {
    String type = e.error() == null ? null : e.error().type();
    log.warn("search refused: {} {}", e.status(), type);
    if ("index_not_found_exception".equals(type)) {
      return ProblemException.searchUnavailable("No consent has been indexed yet: the consent index does not exist.");
    }
    return e;
  }

  private static ProblemException unreachable(IOException e) {
    log.warn("search failed: {}", e.getClass().getName());
    return ProblemException.searchUnavailable("Elasticsearch cannot be reached; try again later.");
  }
}
