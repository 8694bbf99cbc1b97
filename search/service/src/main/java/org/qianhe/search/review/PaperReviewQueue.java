package org.qianhe.search.review;

import java.time.Clock;
import javax.sql.DataSource;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.review.ReviewQueue;
import org.qianhe.review.ReviewSchema;
import org.qianhe.search.people.PeopleKeys;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The paper review queue (library {@code batch-jobs/review}) in this service's database. Its table
 * is migrated when the service starts (this service owns the database in the embedded default;
 * the queue keeps its own Flyway history table). The queue itself is opened on first use, because
 * its values are sealed with ingest's identity-sealing key, which may not exist yet when this
 * service starts.
 */
@Component
class PaperReviewQueue {

  private final DataSource dataSource;
  private final PeopleKeys keys;
  private final Clock clock;
  private volatile ReviewQueue queue;

  PaperReviewQueue(DataSource dataSource, PeopleKeys keys, Clock clock) {
    ReviewSchema.migrate(dataSource);
    this.dataSource = dataSource;
    this.keys = keys;
    this.clock = clock;
  }

  /** The queue; 503 while ingest's key file does not exist. */
  ReviewQueue queue() {
    ReviewQueue opened = queue;
    if (opened == null) {
      synchronized (this) {
        if (queue == null) {
          IdentitySealer sealer = keys.currentSealer().orElseThrow(() -> ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE,
              "keys-unavailable", "Keys unavailable", "The identity-sealing key of the ingest service is not available yet."));
          queue = new ReviewQueue(dataSource, sealer, clock);
        }
        opened = queue;
      }
    }
    return opened;
  }
}
