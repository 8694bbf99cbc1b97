package org.qianhe.batch.compact;

import java.util.Comparator;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.qianhe.batch.archive.EncodedRecord;

/**
 * One record held for sorting: the sort and dedup fields, and the record itself as its Avro
 * binary encoding (about a third of the heap a decoded record takes).
 */
record Entry(
    String consentId, String siteCode, String vaccineCode, String lotNumber, String childKey,
    long occurredAt, long receivedAt, boolean archived, boolean signed, byte[] encoded, byte[] digest) {

  /**
   * The archive's sort order (Manifest.SORT_ORDER); consentId last makes it total, so deterministic.
   * SortBuffer sorts by an equivalent, faster key (SortBufferTest holds them equal).
   */
  static final Comparator<Entry> ARCHIVE_ORDER = Comparator.comparing(Entry::siteCode)
      .thenComparing(Entry::vaccineCode)
      .thenComparing(Entry::lotNumber)
      .thenComparingLong(Entry::occurredAt)
      .thenComparing(Entry::consentId);

  /**
   * Which of two records with one consentId is kept, whatever order the files were read in: the
   * one already archived (the archive never changes a record it holds), then the first received,
   * then the smaller digest.
   */
  static final Comparator<Entry> KEEP_FIRST = Comparator.comparing((Entry e) -> !e.archived())
      .thenComparingLong(Entry::receivedAt)
      .thenComparing(Entry::digest, java.util.Arrays::compareUnsigned);

  /** The fields an entry is made of, picked out while a file is read (EncodedScan), in this order. */
  static final List<String> TAPS = List.of("consentId", "siteCode", "vaccination.vaccineCode",
      "vaccination.lotNumber", "child.key", "occurredAt", "receivedAt", "signature.algorithm", "regionCode");
  static final int REGION_TAP = 8;

  /** From a record read in the current schema, its encoding copied out. */
  static Entry of(EncodedRecord record, boolean archived, byte[] encoded, byte[] digest) {
    return new Entry(record.string(0), record.string(1), record.string(2), record.string(3), record.string(4),
        record.number(5), record.number(6), archived, record.present(7), encoded, digest);
  }

  static Entry of(GenericRecord record, boolean archived, byte[] encoded, byte[] digest) {
    GenericRecord vaccination = (GenericRecord) record.get("vaccination");
    GenericRecord child = (GenericRecord) record.get("child");
    return new Entry(
        record.get("consentId").toString(),
        record.get("siteCode").toString(),
        vaccination.get("vaccineCode").toString(),
        vaccination.get("lotNumber").toString(),
        child.get("key").toString(),
        (Long) record.get("occurredAt"),
        (Long) record.get("receivedAt"),
        archived,
        record.get("signature") != null,
        encoded,
        digest);
  }

  long heapBytes() {
    // encoded + digest + strings + object headers, roughly
    return encoded.length + 32 + 2L * (consentId.length() + siteCode.length() + vaccineCode.length()
        + lotNumber.length() + childKey.length()) + 200;
  }
}
