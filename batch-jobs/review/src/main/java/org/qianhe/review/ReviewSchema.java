package org.qianhe.review;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates or upgrades the review queue's table. The table lives in the search service's database,
 * which other services migrate too: the queue keeps its own migrations and history table and
 * baselines at 0 (as search and ingest do), so it migrates a database that is not empty. Both users
 * (migrate-paper and the search service's reviewer page) call it on start; Flyway's lock makes the
 * second wait for the first.
 */
public final class ReviewSchema {

  public static final String LOCATION = "classpath:db/migration/review";
  public static final String HISTORY_TABLE = "flyway_history_review";

  private ReviewSchema() {}

  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
