package org.qianhe.batch.archive;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * {@link FileScan} for the compaction: reads every record of a file as its Avro binary encoding
 * under the file's own schema ({@link EncodedRecordReadSupport}) and recomputes the same figures
 * (rows, record digests, Merkle root, occurredAt range) from exactly those bytes. Not thread-safe.
 */
public final class EncodedScan {

  private static final String OCCURRED_AT = "occurredAt";

  /** Sees every record with the digest of its encoding. */
  @FunctionalInterface
  public interface Visitor {
    void visit(EncodedRecord record, byte[] digest) throws IOException;
  }

  private final ConsentParquet parquet;
  private final List<String> taps;
  private final int occurredAt;
  private final MessageDigest sha256 = Digests.sha256();
  private final boolean merkle;

  /**
   * @param taps   fields the visitor reads from {@link EncodedRecord}, by their index in this list
   * @param merkle whether to compute the file's Merkle root (null in the result otherwise): only
   *               worth its hashing when something compares it
   */
  public EncodedScan(ConsentParquet parquet, List<String> taps, boolean merkle) {
    this.parquet = parquet;
    this.merkle = merkle;
    List<String> all = new ArrayList<>(taps);
    if (!all.contains(OCCURRED_AT)) {
      all.add(OCCURRED_AT);
    }
    this.taps = List.copyOf(all);
    this.occurredAt = all.indexOf(OCCURRED_AT);
  }

  public FileScan.Result scan(Path file, Visitor visitor) throws IOException {
    MerkleTree tree = new MerkleTree();
    long rows = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    try (ParquetReader<EncodedRecord> reader = parquet.encodedReader(file, taps)) {
      for (EncodedRecord record; (record = reader.read()) != null; ) {
        sha256.update(record.buffer(), 0, record.length());
        byte[] digest = sha256.digest();
        if (merkle) {
          tree.add(digest);
        }
        rows++;
        long at = record.number(occurredAt);
        min = Math.min(min, at);
        max = Math.max(max, at);
        visitor.visit(record, digest);
      }
    }
    return new FileScan.Result(rows, merkle ? Digests.hex(tree.root()) : null, FileScan.instant(min, rows),
        FileScan.instant(max, rows));
  }
}
