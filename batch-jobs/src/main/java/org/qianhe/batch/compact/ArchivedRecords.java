package org.qianhe.batch.compact;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.Digests;
import org.qianhe.batch.archive.EncodedRecord;
import org.qianhe.batch.archive.EncodedScan;
import org.qianhe.batch.archive.FileScan;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.batch.archive.RecordBinary;
import org.qianhe.model.storage.StorageLayout;

/**
 * Reads a committed partition's records, after checking the partition against its manifest: the
 * digests are recomputed under the schema each file was written with, then a record of an older
 * schema version is brought into the current one for rewriting.
 */
final class ArchivedRecords {

  private final ArchiveStorage storage;
  private final ConsentParquet parquet;

  ArchivedRecords(ArchiveStorage storage, ConsentParquet parquet) {
    this.storage = storage;
    this.parquet = parquet;
  }

  /**
   * Reads the committed partition as entries of the current schema, checking it against its
   * manifest first: compacting over a tampered or damaged partition would give the damage a
   * fresh, valid manifest.
   */
  long read(Path committed, String name, Consumer<Entry> entries) throws IOException {
    EncodedScan scan = new EncodedScan(parquet, Entry.TAPS, true);
    RecordBinary current = new RecordBinary();
    return readChecked(committed, name, file -> scan.scan(file, (record, digest) -> entries.accept(entry(record, digest, current))));
  }

  /** As {@link #read(Path, String, Consumer)}, each record decoded as written (retention tests records). */
  long readRecords(Path committed, String name, FileScan.RecordVisitor visitor) throws IOException {
    FileScan scan = FileScan.asWritten(parquet);
    return readChecked(committed, name, file -> scan.scan(file, visitor));
  }

  @FunctionalInterface
  private interface FileReader {
    FileScan.Result read(Path file) throws IOException;
  }

  private long readChecked(Path committed, String name, FileReader reader) throws IOException {
    if (!storage.exists(committed)) {
      return 0;
    }
    Manifest manifest = PartitionManifests.read(storage, committed)
        .orElseThrow(() -> new IllegalStateException("archive partition " + name + " has no readable "
            + StorageLayout.MANIFEST + "; not compacting over it: run verify and restore the partition"));
    List<String> onDisk = PartitionManifests.dataFiles(storage, committed);
    List<String> listed = manifest.files().stream().map(Manifest.File::name).toList();
    if (!onDisk.equals(listed)) {
      throw damaged(name, "files " + onDisk + " do not match the manifest's " + listed);
    }
    long rows = 0;
    for (Manifest.File expected : manifest.files()) {
      Path file = new Path(committed, expected.name());
      if (!Digests.hex(storage.sha256(file)).equals(expected.sha256())) {
        throw damaged(name, expected.name() + " differs from its manifest digest");
      }
      FileScan.Result result = reader.read(file);
      if (result.rows() != expected.rows() || !result.merkleRoot().equals(expected.merkleRoot())) {
        throw damaged(name, expected.name() + " records differ from its manifest");
      }
      rows += result.rows();
    }
    return rows;
  }

  static IllegalStateException damaged(String name, String detail) {
    return new IllegalStateException("archive partition " + name + " fails its manifest (" + detail
        + "); not compacting over it: run verify and restore the partition");
  }

  /** The record as an entry of the current schema (unchanged when it already is). */
  static Entry entry(GenericRecord record, byte[] encoded, byte[] digest, RecordBinary current) {
    if (current.isCurrent(record.getSchema())) {
      return Entry.of(record, true, encoded, digest);
    }
    GenericRecord converted = RecordBinary.toCurrent(encoded, record.getSchema());
    byte[] bytes = current.encode(converted);
    return Entry.of(converted, true, bytes, current.digest(bytes));
  }

  /** The record as an entry of the current schema (unchanged when it already is). */
  private static Entry entry(EncodedRecord record, byte[] digest, RecordBinary current) {
    if (current.isCurrent(record.schema())) {
      return Entry.of(record, true, record.copy(), digest);
    }
    GenericRecord converted = RecordBinary.toCurrent(record.copy(), record.schema());
    byte[] bytes = current.encode(converted);
    return Entry.of(converted, true, bytes, current.digest(bytes));
  }
}
