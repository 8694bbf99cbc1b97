package org.qianhe.stream;

import java.util.HashMap;
import java.util.Map;

/** Job settings for tests: short checkpoints, checkpoints kept in the JobManager, the test clock skew. */
public final class TestJobs {

  private TestJobs() {}

  public static StreamJobConfig config(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(Map.of(
        StreamJobConfig.CHECKPOINT_INTERVAL.name(), "200 ms",
        StreamJobConfig.CHECKPOINT_DIR.name(), "none",
        StreamJobConfig.CLOCK_SKEW.name(), "5 min"));
    settings.putAll(overrides);
    return StreamJobConfig.defaults().with(settings);
  }
}
