package org.qianhe.batch.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * What a verification found over all its partitions; kept in the step's execution context (as
 * JSON) so a restarted verification reports the partitions checked before the restart too.
 */
public record VerifyReport(long partitions, long rows, long signed, List<Finding> findings) {

  /** Enough to act on; a partition with more problems than this is broken beyond listing them. */
  static final int MAX_FINDINGS = 10_000;

  public static VerifyReport empty() {
    return new VerifyReport(0, 0, 0, List.of());
  }

  VerifyReport plus(PartitionVerification partition) {
    List<Finding> all = new ArrayList<>(findings);
    partition.findings().stream().limit(Math.max(0, MAX_FINDINGS - all.size())).forEach(all::add);
    return new VerifyReport(partitions + 1, rows + partition.rows(), signed + partition.signed(), all);
  }

  public long mismatches() {
    return findings.stream().filter(Finding::mismatch).count();
  }

  /** The report grouped by property, one block per property. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("verified " + partitions + " partition(s), " + rows + " rows: "
        + (mismatches() == 0 ? "no mismatch" : mismatches() + " mismatch(es)"));
    for (Property property : Property.values()) {
      List<Finding> of = findings.stream().filter(f -> f.property() == property).toList();
      long bad = of.stream().filter(Finding::mismatch).count();
      lines.add(String.format("%-13s %s  (%s)", property.label().toUpperCase(), bad == 0 ? "OK  " : "FAIL", property.meaning()));
      for (Finding finding : of) {
        lines.add("    " + (finding.mismatch() ? "MISMATCH " : "note     ") + finding.partition() + ": " + finding.message());
      }
    }
    return lines;
  }
}
