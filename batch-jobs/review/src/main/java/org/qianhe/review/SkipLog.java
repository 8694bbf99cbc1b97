package org.qianhe.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The skip log of paper migration (table {@code paper_skip_log}, beside the review queue): what
 * was not read and why. Idempotent on (batch, file, page). Thread-safe.
 */
public final class SkipLog {

  /** One skipped file (page 0) or page. */
  public record Entry(String batch, String fileName, int page, String reason, String detail, Instant loggedAt) {

    public Entry {
      ReviewException.require(batch != null && !batch.isBlank() && batch.length() <= 200, "batch must be 1 to 200 characters");
      ReviewException.require(fileName != null && !fileName.isEmpty(), "a skipped file needs a name");
      ReviewException.require(page >= 0, "page is 0 for a whole file, else 1-based");
      ReviewException.require(reason != null && !reason.isBlank() && reason.length() <= 32, "a skip needs a reason code");
      fileName = cut(fileName, 500);
      detail = cut(detail == null ? "" : detail, 1000);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  /** Migrates the table if needed ({@link ReviewSchema}). */
  public SkipLog(DataSource dataSource, Clock clock) {
    ReviewSchema.migrate(dataSource);
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
  }

  /** @return true when recorded now, false when this batch's file and page were already in the log */
  public boolean record(String batch, String fileName, int page, String reason, String detail) {
    Entry entry = new Entry(batch, fileName, page, reason, detail, clock.instant());
    try {
      jdbc.sql("INSERT INTO paper_skip_log (batch, file_name, page, reason, detail, logged_at) VALUES (?, ?, ?, ?, ?, ?)")
          .params(entry.batch(), entry.fileName(), entry.page(), entry.reason(), entry.detail(),
              entry.loggedAt().atOffset(ZoneOffset.UTC))
          .update();
      return true;
    } catch (DuplicateKeyException alreadyLogged) {
      return false;
    }
  }

  /** The batch's skips, by file and page. */
  public List<Entry> of(String batch) {
    return jdbc.sql("SELECT batch, file_name, page, reason, detail, logged_at FROM paper_skip_log WHERE batch = ?"
            + " ORDER BY file_name, page")
        .param(batch).query(SkipLog::entry).list();
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    return new Entry(rs.getString("batch"), rs.getString("file_name"), rs.getInt("page"), rs.getString("reason"),
        rs.getString("detail"), rs.getObject("logged_at", OffsetDateTime.class).toInstant());
  }

  private static String cut(String text, int max) {
    String printable = text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= max ? printable : printable.substring(0, max - 3) + "...";
  }
}
