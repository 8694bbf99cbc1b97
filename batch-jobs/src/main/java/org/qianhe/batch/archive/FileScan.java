package org.qianhe.batch.archive;

import java.io.IOException;
import java.time.Instant;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads one consent Parquet file record by record and recomputes what the manifest says about
 * it: row count, record digests and their Merkle root, min/max occurredAt. Archive files are read
 * as written ({@link #asWritten}): digests are over the schema version of the file. Staged files
 * are read in the current schema ({@link #inCurrentSchema}).
 */
public final class FileScan {

  /** Sees every record with its Avro binary digest. */
  @FunctionalInterface
  public interface RecordVisitor {
    void visit(GenericRecord record, byte[] encoded, byte[] digest) throws IOException;
  }

  public record Result(long rows, String merkleRoot, String minOccurredAt, String maxOccurredAt) {}

  private final ConsentParquet parquet;
  private final boolean asWritten;
  private final java.util.Map<org.apache.avro.Schema, RecordBinary> binaries = new java.util.HashMap<>();

  private FileScan(ConsentParquet parquet, boolean asWritten) {
    this.parquet = parquet;
    this.asWritten = asWritten;
  }

  public static FileScan asWritten(ConsentParquet parquet) {
    return new FileScan(parquet, true);
  }

  public static FileScan inCurrentSchema(ConsentParquet parquet) {
    return new FileScan(parquet, false);
  }

  /** Sees every record with its digest only (no copy of its encoding is kept). */
  @FunctionalInterface
  public interface DigestVisitor {
    void visit(GenericRecord record, byte[] digest) throws IOException;
  }

  public Result scan(Path file, RecordVisitor visitor) throws IOException {
    return scan(file, visitor, null);
  }

  public Result scanDigests(Path file, DigestVisitor visitor) throws IOException {
    return scan(file, null, visitor);
  }

  private Result scan(Path file, RecordVisitor visitor, DigestVisitor digests) throws IOException {
    MerkleTree merkle = new MerkleTree();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    try (ParquetReader<GenericRecord> reader = asWritten ? parquet.readerAsWritten(file) : parquet.reader(file)) {
      RecordBinary binary = null;
      org.apache.avro.Schema schema = null;
      for (GenericRecord record; (record = reader.read()) != null; ) {
        if (record.getSchema() != schema) {
          // one schema instance per file: look it up once, not per record (Schema.equals is deep)
          schema = record.getSchema();
          binary = binaries.computeIfAbsent(schema, RecordBinary::new);
        }
        byte[] encoded = visitor == null ? null : binary.encode(record);
        byte[] digest = visitor == null ? binary.digestOf(record) : binary.digest(encoded);
        merkle.add(digest);
        long occurredAt = (Long) record.get("occurredAt");
        min = Math.min(min, occurredAt);
        max = Math.max(max, occurredAt);
        if (visitor != null) {
          visitor.visit(record, encoded, digest);
        } else {
          digests.visit(record, digest);
        }
      }
    }
    return new Result(merkle.leaves(), Digests.hex(merkle.root()), instant(min, merkle.leaves()),
        instant(max, merkle.leaves()));
  }

  static String instant(long epochMillis, long rows) {
    return rows == 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
