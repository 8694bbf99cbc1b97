package org.qianhe.batch.compact;

/**
 * What one partition's compaction did.
 *
 * @param recovered what was finished or discarded of an interrupted earlier run (empty if none)
 * @param duplicates records dropped because their consentId was already kept
 */
public record CompactionResult(
    String region, String date, String recovered, int stagedFiles, long stagedRows, long archivedRows,
    long duplicates, long rows, int files, long bytes, String merkleRoot) {

  public boolean compacted() {
    return stagedFiles > 0;
  }

  public String summary() {
    String prefix = "region=" + region + " date=" + date + ": ";
    String recovery = recovered.isEmpty() ? "" : " (" + recovered + ")";
    if (!compacted()) {
      return prefix + "nothing staged" + recovery;
    }
    return prefix + stagedRows + " staged rows from " + stagedFiles + " files + " + archivedRows + " archived, "
        + duplicates + " duplicates dropped -> " + rows + " rows in " + files + " files (" + bytes + " bytes), "
        + "merkle " + merkleRoot.substring(0, 16) + "..., verified and committed" + recovery;
  }
}
