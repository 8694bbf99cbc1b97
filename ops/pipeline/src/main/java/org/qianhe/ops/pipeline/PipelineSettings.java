package org.qianhe.ops.pipeline;

import java.nio.file.Path;

/**
 * How the local pipeline starts: where it keeps its files, which ports the services take
 * (0 = any free port), and which database ingest uses (null = the embedded H2 file under dataDir).
 */
public record PipelineSettings(Path dataDir, int ingestPort, int searchPort, String jdbcUrl, String jdbcUser) {

  /** The embedded defaults of {@code ops/run-local.sh}. */
  public static PipelineSettings embedded(Path dataDir) {
    return new PipelineSettings(dataDir, 8081, 8082, null, null);
  }

  /** For tests: free ports and the machine's PostgreSQL. */
  public static PipelineSettings forTests(Path dataDir) {
    return new PipelineSettings(dataDir, 0, 0, "jdbc:postgresql://127.0.0.1:5432/test", "postgres");
  }
}
