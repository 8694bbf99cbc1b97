package org.qianhe.stream.replay;

import java.util.Map;
import java.util.TreeMap;

/** What a replay did: quarantine records read, re-injected (by reason code) and left. */
public record ReplayReport(long scanned, long replayed, long skipped, Map<String, Long> replayedByReason, boolean dryRun) {

  public ReplayReport {
    replayedByReason = Map.copyOf(replayedByReason);
  }

  @Override
  public String toString() {
    return (dryRun ? "dry run: would re-inject " : "re-injected ") + replayed + " of " + scanned
        + " quarantined consent(s) read (" + skipped + " not selected); by reason: " + new TreeMap<>(replayedByReason);
  }
}
