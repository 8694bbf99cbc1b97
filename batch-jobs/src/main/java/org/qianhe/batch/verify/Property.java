package org.qianhe.batch.verify;

/**
 * The four properties electronic archives are checked for (the "四性检测" of Chinese archive
 * practice, DA/T 70): who made a record, whether it is complete and unchanged, whether it can
 * still be read, and whether it exposes nothing it must not.
 */
public enum Property {
  AUTHENTICITY("authenticity", "records come from registered terminals and were accepted by ingest (signatures, receipts)"),
  INTEGRITY("integrity", "files and records are exactly those the compaction wrote"),
  USABILITY("usability", "partitions have a manifest, every file reads as the current schema, search covers them"),
  SECURITY("security", "people appear only as keys, masks and sealed identities");

  private final String label;
  private final String meaning;

  Property(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  public String label() {
    return label;
  }

  public String meaning() {
    return meaning;
  }
}
