package org.qianhe.batch.compact;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.EncodedScan;
import org.qianhe.batch.archive.FileScan;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.ManifestJson;
import org.qianhe.batch.archive.PartitionDirs;
import org.qianhe.batch.archive.RecordBinary;
import org.qianhe.model.storage.StorageLayout;

/**
 * Compacts one archive partition (region, day): merges the committed staged files with what the
 * partition already holds, keeps one record per consentId, sorts, writes Parquet files and a
 * manifest aside, verifies them, swaps them in, and only then retires the staged files.
 *
 * <p>Every step can be interrupted: {@link PartitionDirs#recover} finishes or discards what a
 * crashed run left, and a staged file is deleted only once the partition that holds its records
 * is committed, so a rerun merges it again and the dedup makes that harmless.
 */
public final class PartitionCompactor {

  private final ArchiveStorage storage;
  private final ConsentParquet parquet;
  private final CompactSettings settings;
  private final Progress progress;
  private final PartitionWriter writer;
  private final ArchivedRecords archived;

  public PartitionCompactor(ArchiveStorage storage, CompactSettings settings, Progress progress) {
    this.storage = storage;
    this.settings = settings;
    this.progress = progress;
    this.parquet = new ConsentParquet(storage.conf(), settings.zstdLevel());
    this.writer = new PartitionWriter(storage, parquet, settings, progress);
    this.archived = new ArchivedRecords(storage, parquet);
  }

  public CompactionResult compact(String region, LocalDate date) throws IOException {
    String name = StorageLayout.partition(region, date);
    Path committed = new Path(StorageLayout.archivePartition(storage.root(), region, date));
    PartitionDirs dirs = new PartitionDirs(committed);
    String recovered = String.join("; ", java.util.stream.Stream.of(dirs.recover(storage), retireConsumed(committed))
        .filter(done -> !done.isEmpty()).toList());

    List<FileStatus> staged = new StagingScan(storage).stagedFiles(region, date);
    if (staged.isEmpty()) {
      return new CompactionResult(region, date.toString(), recovered, 0, 0, 0, 0, 0, 0, 0, "");
    }
    long started = System.nanoTime();
    SortBuffer buffer = new SortBuffer(settings.sortMemoryBytes(), name);
    long archivedRows = archived.read(committed, name, buffer::add);
    long stagedRows = readStaged(staged, region, date, buffer);
    long read = System.nanoTime();
    List<Entry> sorted = buffer.sorted();
    progress.line(name + ": merged " + stagedRows + " staged + " + archivedRows + " archived rows, "
        + buffer.duplicates() + " duplicates -> " + sorted.size() + " rows"
        + String.format(" (read %.2f s, sort %.2f s); writing", (read - started) / 1e9, (System.nanoTime() - read) / 1e9));

    Manifest manifest = writer.publish(dirs, region, date, sorted,
        staged.stream().map(status -> status.getPath().toString()).toList());
    retireConsumed(committed);
    long bytes = manifest.files().stream().mapToLong(Manifest.File::bytes).sum();
    return new CompactionResult(region, date.toString(), recovered, staged.size(), stagedRows, archivedRows,
        buffer.duplicates(), sorted.size(), manifest.files().size(), bytes, manifest.merkleRoot());
  }

  /** Deletes the staged files a committed partition recorded as consumed, then the record of them. */
  private String retireConsumed(Path committed) throws IOException {
    Path inputs = new Path(committed, ManifestJson.INPUTS);
    if (!storage.exists(inputs)) {
      return "";
    }
    int retired = 0;
    for (String staged : ManifestJson.read(storage.readAll(inputs), ManifestJson.Inputs.class).stagedFiles()) {
      Path file = new Path(staged);
      if (storage.exists(file)) {
        storage.deleteIfExists(file);
        retired++;
      }
      // A checksummed writer (Flink on LocalFileSystem) leaves a .crc beside the file.
      storage.deleteIfExists(new Path(file.getParent(), "." + file.getName() + ".crc"));
    }
    storage.deleteIfExists(inputs);
    return retired == 0 ? "" : "retired " + retired + " staged files of an interrupted run";
  }

  private long readStaged(List<FileStatus> staged, String region, LocalDate date, SortBuffer buffer)
      throws IOException {
    EncodedScan scan = new EncodedScan(parquet, Entry.TAPS, false);
    RecordBinary current = new RecordBinary();
    long rows = 0;
    for (FileStatus status : staged) {
      long[] misfiled = {0};
      String[] example = {null};
      FileScan.Result result = scan.scan(status.getPath(), (record, digest) -> {
        Entry entry;
        String recordRegion;
        if (current.isCurrent(record.schema())) {
          entry = Entry.of(record, false, record.copy(), digest);
          recordRegion = record.string(Entry.REGION_TAP);
        } else {
          GenericRecord converted = RecordBinary.toCurrent(record.copy(), record.schema());
          byte[] bytes = current.encode(converted);
          entry = Entry.of(converted, false, bytes, current.digest(bytes));
          recordRegion = converted.get("regionCode").toString();
        }
        if (!region.equals(recordRegion)
            || !date.equals(StorageLayout.partitionDate(java.time.Instant.ofEpochMilli(entry.occurredAt())))) {
          misfiled[0]++;
          example[0] = example[0] == null ? entry.consentId() : example[0];
          return;
        }
        buffer.add(entry);
      });
      if (misfiled[0] > 0) {
        throw new IllegalStateException("staged file " + status.getPath() + " holds " + misfiled[0]
            + " records of another region or day (first consentId " + example[0] + "); move it to its partition");
      }
      rows += result.rows();
    }
    return rows;
  }

}
