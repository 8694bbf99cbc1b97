package org.qianhe.review;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.postgresql.ds.PGSimpleDataSource;

/** The queue on the real PostgreSQL (127.0.0.1:5432/test), in a schema of its own per test, dropped afterwards. */
class ReviewQueueIT extends ReviewQueueContract {

  private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
  private String schema;

  @Override
  DataSource freshDatabase() throws Exception {
    schema = "qr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(JDBC, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(JDBC + "?currentSchema=" + schema);
    dataSource.setUser("postgres");
    return dataSource;
  }

  @AfterEach
  void dropSchema() throws Exception {
    try (Connection c = DriverManager.getConnection(JDBC, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
