package org.qianhe.batch.cli;

final class Regions {

  private Regions() {}

  /** GB/T 2260 administrative division codes have six digits. */
  static void check(String region) {
    if (region != null && !region.matches("\\d{6}")) {
      throw new IllegalArgumentException("--region must be a 6-digit region code, not '" + region + "'");
    }
  }
}
