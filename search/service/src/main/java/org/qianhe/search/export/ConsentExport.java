package org.qianhe.search.export;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
import org.springframework.stereotype.Service;

/**
 * CSV exports of any size: a point in time keeps the view still while {@code search_after}
 * walks it batch by batch (no 10 000-hit window, no scroll context per page), sorted by
 * occurredAt with Elasticsearch's own {@code _shard_doc} tie-breaker. Batches are read ahead
 * while the writer writes, with {@code export.parallelism} requests in flight over consecutive
 * periods of the export ({@link ExportReader}), so Elasticsearch and the CSV writer work at the
 * same time.
 *
 * <p>{@link #prepare} counts the consents and writes the audit row; only then does
 * {@link Prepared#writeTo} stream a byte. Every batch is a query with the caller's region scope
 * inside it ({@link ScopedIndex}).
 */
@Service
public class ConsentExport {

  private static final Logger log = LoggerFactory.getLogger(ConsentExport.class);

  private final ScopedIndex index;
  private final ScopeGuard guard;
  private final AuditLog audit;
  private final ExportProgress progress;
  private final int batchSize;
  private final int parallelism;
  private final Duration keepAlive;

  ConsentExport(ScopedIndex index, ScopeGuard guard, AuditLog audit, ExportProgress progress,
      SearchProperties properties) {
    this.index = index;
    this.guard = guard;
    this.audit = audit;
    this.progress = progress;
    this.batchSize = properties.export().batchSize();
    this.parallelism = properties.export().parallelism();
    this.keepAlive = properties.export().keepAlive();
  }

  /** An export whose size is known and whose audit row is written. */
  public final class Prepared {
    private final Analyst who;
    private final List<Query> periods;
    private final long total;
    private final ExportProgress.Tracker tracker;

    private Prepared(Analyst who, List<Query> periods, long total, ExportProgress.Tracker tracker) {
      this.who = who;
      this.periods = periods;
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
    SearchResponse<Map> count = index.search(who, query, List.of(), s -> s.size(0).trackTotalHits(t -> t.enabled(true))
        .aggregations("first", a -> a.min(m -> m.field(ConsentFields.OCCURRED_AT)))
        .aggregations("last", a -> a.max(m -> m.field(ConsentFields.OCCURRED_AT))));
    long total = count.hits().total() == null ? 0 : count.hits().total().value();
    List<Query> periods = ExportReader.periods(query, count.aggregations().get("first").min().value(),
        count.aggregations().get("last").max().value(), total, batchSize);
    audit.record(AuditEvent.of(who.username(), AuditAction.EXPORT, criteria.summary(), total));
    return new Prepared(who, periods, total, progress.start(progressId, who.username(), total));
  }

  private long stream(Prepared export, OutputStream out) throws IOException {
    CsvBytes header = new CsvBytes(1024);
    for (int c = 0; c < CsvColumns.PATHS.size(); c++) {
      if (c > 0) {
        header.comma();
      }
      header.text(CsvColumns.PATHS.get(c));
    }
    header.endRow();
    out.write(CsvBytes.BOM);
    out.write(header.array(), 0, header.length());
    long rows = 0;
    AtomicReference<String> pit = new AtomicReference<>(index.openPointInTime(keepAlive));
    try (ExportReader reader = new ExportReader(export.periods, parallelism, batchSize,
        (period, after) -> fetch(export, pit, period, after))) {
      ExportBatch batch;
      while ((batch = reader.next()) != null) {
        out.write(batch.csv());
        out.flush();
        rows += batch.rows();
        export.tracker.advance(batch.rows());
      }
      out.flush();
      return rows;
    } finally {
      index.closePointInTime(pit.get());
      if (rows != export.total) {
        // consents indexed or replaced while exporting; the point in time shows the moment it opened
        log.info("export of {} wrote {} rows, {} counted before it began", export.who.username(), rows, export.total);
      }
    }
  }

  /** One batch of one period, read from the JSON answer straight into CSV lines (no map per consent). */
  private ExportBatch fetch(Prepared export, AtomicReference<String> pit, Query period, List<FieldValue> after) {
    // _source as stored: a filter would have Elasticsearch parse and rewrite every hit; the batch picks its columns
    ExportBatch batch = index.searchAtJson(export.who, pit.get(), keepAlive, period, s -> {
      s.size(batchSize).trackTotalHits(t -> t.enabled(false))
          .sort(o -> o.field(f -> f.field(ConsentFields.OCCURRED_AT).order(SortOrder.Asc)));
      if (after != null) {
        s.searchAfter(after);
      }
      return s;
    }, json -> ExportBatch.read(json, batchSize));
    if (batch.pitId() != null) {
      // Elasticsearch may name the point in time anew in any answer; the newest name is the one to use
      pit.set(batch.pitId());
    }
    return batch;
  }
}
