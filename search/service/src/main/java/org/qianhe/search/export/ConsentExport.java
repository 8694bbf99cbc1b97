package org.qianhe.search.export;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.query.ConsentQueries;
import org.qianhe.search.query.ScopeGuard;
import org.qianhe.search.query.ScopedIndex;
import org.qianhe.search.query.TraceCriteria;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.SearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * CSV exports of any size: a point in time keeps the view still while {@code search_after}
 * walks it batch by batch (no 10 000-hit window, no scroll context per page), sorted by
 * occurredAt with Elasticsearch's own {@code _shard_doc} tie-breaker. The next batch is fetched
 * while the current one is written, so Elasticsearch and the CSV writer work at the same time.
 *
 * <p>{@link #prepare} counts the consents and writes the audit row; only then does
 * {@link Prepared#writeTo} stream a byte. Every batch is a query with the caller's region scope
 * inside it ({@link ScopedIndex}).
 */
@Service
public class ConsentExport implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ConsentExport.class);

  private final ScopedIndex index;
  private final ScopeGuard guard;
  private final AuditLog audit;
  private final ExportProgress progress;
  private final int batchSize;
  private final Duration keepAlive;
  private final ExecutorService prefetch = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "csv-export-prefetch");
    t.setDaemon(true);
    return t;
  });

  ConsentExport(ScopedIndex index, ScopeGuard guard, AuditLog audit, ExportProgress progress,
      SearchProperties properties) {
    this.index = index;
    this.guard = guard;
    this.audit = audit;
    this.progress = progress;
    this.batchSize = properties.export().batchSize();
    this.keepAlive = properties.export().keepAlive();
  }

  /** An export whose size is known and whose audit row is written. */
  public final class Prepared {
    private final Analyst who;
    private final Query criteria;
    private final long total;
    private final ExportProgress.Tracker tracker;

    private Prepared(Analyst who, Query criteria, long total, ExportProgress.Tracker tracker) {
      this.who = who;
      this.criteria = criteria;
      this.total = total;
      this.tracker = tracker;
    }

    public long total() {
      return total;
    }

    /** Streams the CSV (UTF-8 with a byte order mark, header row first); returns the rows written. */
    public long writeTo(OutputStream out) throws IOException {
      boolean ok = false;
      try {
        long rows = stream(this, out);
        ok = true;
        return rows;
      } finally {
        progress.finish(tracker, ok);
      }
    }
  }

  /**
   * Checks the region parameter, counts the matching consents and audits the export (EXPORT, with
   * that count) before anything is sent.
   *
   * @param progressId the client's id for {@link ExportProgress}, or null
   */
  public Prepared prepare(Analyst who, TraceCriteria criteria, String progressId) {
    guard.check(who, criteria);
    Query query = ConsentQueries.criteria(criteria);
    @SuppressWarnings("rawtypes")
    SearchResponse<Map> count = index.search(who, query, List.of(), s -> s.size(0).trackTotalHits(t -> t.enabled(true)));
    long total = count.hits().total() == null ? 0 : count.hits().total().value();
    audit.record(AuditEvent.of(who.username(), AuditAction.EXPORT, criteria.summary(), total));
    return new Prepared(who, query, total, progress.start(progressId, who.username(), total));
  }

  private long stream(Prepared export, OutputStream out) throws IOException {
    BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    CsvWriter csv = new CsvWriter(writer);
    writer.write(CsvWriter.BOM);
    csv.row(CsvColumns.PATHS);
    long rows = 0;
    String pit = index.openPointInTime(keepAlive);
    try {
      ExportBatch batch = fetch(export, pit, null);
      while (!batch.rows().isEmpty()) {
        String nextPit = batch.pitId() != null ? batch.pitId() : pit;
        pit = nextPit;
        List<FieldValue> after = batch.lastSort();
        // Elasticsearch reads the next batch while this one is written
        CompletableFuture<ExportBatch> next = batch.rows().size() < batchSize ? null
            : CompletableFuture.supplyAsync(() -> fetch(export, nextPit, after), prefetch);
        for (Object[] row : batch.rows()) {
          csv.row(row);
        }
        writer.flush();
        rows += batch.rows().size();
        export.tracker.advance(batch.rows().size());
        if (next == null) {
          break;
        }
        batch = join(next);
      }
      writer.flush();
      return rows;
    } finally {
      index.closePointInTime(pit);
      if (rows != export.total) {
        // consents indexed or replaced while exporting; the point in time shows the moment it opened
        log.info("export of {} wrote {} rows, {} counted before it began", export.who.username(), rows, export.total);
      }
    }
  }

  /** One batch, read from the JSON answer straight into rows (no map per consent). */
  private ExportBatch fetch(Prepared export, String pit, List<FieldValue> after) {
    return index.searchAtJson(export.who, pit, keepAlive, export.criteria, CsvColumns.sourceIncludes(),
        ExportBatch.FILTER_PATH, s -> {
          s.size(batchSize).trackTotalHits(t -> t.enabled(false))
              .sort(o -> o.field(f -> f.field(ConsentFields.OCCURRED_AT).order(SortOrder.Asc)));
          if (after != null) {
            s.searchAfter(after);
          }
          return s;
        }, json -> ExportBatch.read(json, batchSize));
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  @Override
  public void destroy() {
    prefetch.shutdownNow();
  }
}
