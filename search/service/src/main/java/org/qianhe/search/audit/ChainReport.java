package org.qianhe.search.audit;

/**
 * Outcome of checking the audit chain.
 *
 * @param rowsChecked rows read before the first problem (all rows when intact)
 * @param firstBrokenSeq the first row whose link or hash does not hold, or null
 * @param problem what does not hold, or null when intact
 */
public record ChainReport(boolean intact, long rowsChecked, Long firstBrokenSeq, String problem) {

  static ChainReport ok(long rows) {
    return new ChainReport(true, rows, null, null);
  }

  static ChainReport broken(long rows, Long seq, String problem) {
    return new ChainReport(false, rows, seq, problem);
  }
}
