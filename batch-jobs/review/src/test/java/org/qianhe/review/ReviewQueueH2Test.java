package org.qianhe.review;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** The queue on the embedded default: an H2 file in PostgreSQL mode, as the search service opens it. */
class ReviewQueueH2Test extends ReviewQueueContract {

  @TempDir
  Path dir;

  @Override
  DataSource freshDatabase() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + dir.resolve("qianhe") + ";MODE=PostgreSQL;AUTO_SERVER=TRUE;WRITE_DELAY=0");
    dataSource.setUser("sa");
    return dataSource;
  }
}
