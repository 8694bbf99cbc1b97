package org.qianhe.batch.verify;

import java.util.List;

/** The verification of one archive partition. */
public record PartitionVerification(String partition, long rows, long signed, List<Finding> findings) {

  public boolean clean() {
    return findings.stream().noneMatch(Finding::mismatch);
  }
}
