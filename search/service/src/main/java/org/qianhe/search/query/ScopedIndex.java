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
 * replaced; and {@code identitySealed} is cut from every {@code _source} except the one lookup
 * an unmask makes. Totals, buckets and lookups therefore never count or reveal a consent of
 * another region.
 */
@Component
public class ScopedIndex {

  private static final Logger log = LoggerFactory.getLogger(ScopedIndex.class);

  private final ConsentIndexClient index;

  ScopedIndex(ConsentIndexClient index) {
    this.index = index;
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
    return run(who, criteria, includes, false, b -> shape.apply(b.index(ConsentIndexClient.ALIAS)));
  }

  /** One request inside a point in time (an export); the point in time itself carries no data. */
  @SuppressWarnings("rawtypes")
  public SearchResponse<java.util.Map> searchAt(Analyst who, String pointInTime, Duration keepAlive, Query criteria,
      List<String> includes, UnaryOperator<SearchRequest.Builder> shape) {
    return run(who, criteria, includes, false,
        b -> shape.apply(b.pit(p -> p.id(pointInTime).keepAlive(t -> t.time(keepAlive.toSeconds() + "s")))));
  }

  /** The lookup an unmask makes: the one place the sealed identity is read. */
  @SuppressWarnings("rawtypes")
  public SearchResponse<java.util.Map> searchWithSealedIdentity(Analyst who, Query criteria,
      UnaryOperator<SearchRequest.Builder> shape) {
    return run(who, criteria, null, true, b -> shape.apply(b.index(ConsentIndexClient.ALIAS)));
  }

  /** Reads an answer's JSON as it streams in. */
  @FunctionalInterface
  public interface JsonReader<T> {
    T read(InputStream json) throws IOException;
  }

  /**
   * {@link #search}, with the answer read straight from its JSON bytes, cut down to
   * {@code filterPath}: for answers passed on without turning each hit into a map.
   */
  public <T> T searchJson(Analyst who, Query criteria, List<String> includes, String filterPath,
      UnaryOperator<SearchRequest.Builder> shape, JsonReader<T> reader) {
    return runJson(who, criteria, includes, filterPath, b -> shape.apply(b.index(ConsentIndexClient.ALIAS)), reader);
  }

  /** {@link #searchAt}, read from its JSON bytes like {@link #searchJson}: the batches of an export. */
  public <T> T searchAtJson(Analyst who, String pointInTime, Duration keepAlive, Query criteria, List<String> includes,
      String filterPath, UnaryOperator<SearchRequest.Builder> shape, JsonReader<T> reader) {
    return runJson(who, criteria, includes, filterPath,
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
  private SearchResponse<java.util.Map> run(Analyst who, Query criteria, List<String> includes, boolean sealed,
      UnaryOperator<SearchRequest.Builder> shape) {
    if (!who.reads()) {
      throw new AccessDeniedException("no role that reads consents");
    }
    SearchRequest request = request(who, criteria, includes, sealed, shape);
    try {
      return index.client().search(request, java.util.Map.class);
    } catch (ElasticsearchException e) {
      throw translate(e);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private <T> T runJson(Analyst who, Query criteria, List<String> includes, String filterPath,
      UnaryOperator<SearchRequest.Builder> shape, JsonReader<T> reader) {
    if (!who.reads()) {
      throw new AccessDeniedException("no role that reads consents");
    }
    SearchRequest request = request(who, criteria, includes, false, shape);
    try (BinaryResponse response = index.searchJson(request, filterPath); InputStream json = response.content()) {
      return reader.read(json);
    } catch (ElasticsearchException e) {
      throw translate(e);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The request as sent: the caller's shaping, then the scoped query and the source filter on top. */
  static SearchRequest request(Analyst who, Query criteria, List<String> includes, boolean sealed,
      UnaryOperator<SearchRequest.Builder> shape) {
    Query query = scoped(who, criteria);
    return SearchRequest.of(b -> {
      shape.apply(b);
      // last, so no shaping can widen the query or bring back the sealed identity
      b.query(query);
      b.source(s -> s.filter(f -> {
        if (includes != null) {
          f.includes(includes);
        }
        if (!sealed) {
          f.excludes(ConsentDocuments.SEALED_IDENTITY);
        }
        return f;
      }));
      return b;
    });
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
