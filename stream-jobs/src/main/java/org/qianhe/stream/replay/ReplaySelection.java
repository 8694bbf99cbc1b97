package org.qianhe.stream.replay;

import java.util.Arrays;
import java.util.Set;

/**
 * Which quarantined consents a replay re-injects: those with any of the given reason codes and/or
 * the given consentIds; an empty set means no restriction on that side.
 */
public record ReplaySelection(Set<String> reasons, Set<String> consentIds) {

  public ReplaySelection {
    reasons = Set.copyOf(reasons);
    consentIds = Set.copyOf(consentIds);
  }

  public static ReplaySelection all() {
    return new ReplaySelection(Set.of(), Set.of());
  }

  /** @param reasonHeader the comma-separated codes of the quarantine record (may be null) */
  public boolean matches(String key, String reasonHeader) {
    boolean reasonOk = reasons.isEmpty() || (reasonHeader != null
        && Arrays.stream(reasonHeader.split(",")).map(String::strip).anyMatch(reasons::contains));
    boolean idOk = consentIds.isEmpty() || (key != null && consentIds.contains(key));
    return reasonOk && idOk;
  }
}
