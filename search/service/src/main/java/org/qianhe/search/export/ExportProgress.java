package org.qianhe.search.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.qianhe.search.system.SearchProperties;
import org.springframework.stereotype.Component;

/**
 * How far each running export has got, under an id the client chose (so it can ask while the
 * download is still streaming: the web UI polls it, the CLI reads the total from the
 * {@code X-Total-Count} header and counts lines itself). Only the account that started an export
 * can read its progress. Kept in memory, forgotten {@code export.progress-retention} after it
 * finished.
 */
@Component
public class ExportProgress {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

  /** What a client sees. */
  public record Status(long total, long written, boolean done, boolean failed) {}

  static final class Tracker {
    private final long total;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean done;
    private volatile boolean failed;
    private volatile Instant finishedAt;

    Tracker(long total) {
      this.total = total;
    }

    void advance(long rows) {
      written.addAndGet(rows);
    }

    void finish(boolean ok, Instant at) {
      failed = !ok;
      done = true;
      finishedAt = at;
    }

    Status status() {
      return new Status(total, written.get(), done, failed);
    }
  }

  private final ConcurrentHashMap<String, Tracker> trackers = new ConcurrentHashMap<>();
  private final Duration retention;
  private final Clock clock;

  ExportProgress(SearchProperties properties, Clock clock) {
    this.retention = properties.export().progressRetention();
    this.clock = clock;
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** A tracker for a new export; without an id nobody can ask, but the export still counts. */
  Tracker start(String id, String username, long total) {
    prune();
    Tracker tracker = new Tracker(total);
    if (id != null) {
      trackers.put(username + "/" + id, tracker);
    }
    return tracker;
  }

  void finish(Tracker tracker, boolean ok) {
    tracker.finish(ok, clock.instant());
  }

  public Optional<Status> status(String username, String id) {
    return Optional.ofNullable(trackers.get(username + "/" + id)).map(Tracker::status);
  }

  private void prune() {
    Instant limit = clock.instant().minus(retention);
    trackers.values().removeIf(t -> t.done && t.finishedAt.isBefore(limit));
  }
}
