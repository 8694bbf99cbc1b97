package org.qianhe.batch.compact;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.ConsentParquet.BloomSizes;
import org.qianhe.batch.archive.Digests;
import org.qianhe.batch.archive.EncodedScan;
import org.qianhe.batch.archive.FileScan;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.ManifestJson;
import org.qianhe.batch.archive.MerkleTree;
import org.qianhe.batch.archive.PartitionDirs;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.model.storage.StorageLayout;

/**
 * Writes the sorted records of a partition aside ({@code .writing}), reads every record back to
 * check it, writes the manifest, and publishes the result by rename (PartitionDirs).
 */
final class PartitionWriter {

  private final ArchiveStorage storage;
  private final ConsentParquet parquet;
  private final CompactSettings settings;
  private final Progress progress;

  PartitionWriter(ArchiveStorage storage, ConsentParquet parquet, CompactSettings settings, Progress progress) {
    this.storage = storage;
    this.parquet = parquet;
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * @param inputs staged files the partition now holds; retired after the swap (empty: none)
   */
  Manifest publish(PartitionDirs dirs, String region, LocalDate date, List<Entry> sorted, List<String> inputs)
      throws IOException {
    String name = StorageLayout.partition(region, date);
    long writeStarted = System.nanoTime();
    storage.deleteRecursively(dirs.writing());
    storage.fs().mkdirs(dirs.writing());
    List<Manifest.File> files = write(sorted, dirs.writing(), name);
    long checkStarted = System.nanoTime();
    check(dirs.writing(), files, sorted);
    progress.line(name + String.format(": wrote %d files in %.2f s, read them back and checked every record in %.2f s",
        files.size(), (checkStarted - writeStarted) / 1e9, (System.nanoTime() - checkStarted) / 1e9));
    Manifest manifest = manifest(region, date, sorted, files);
    storage.writeAll(new Path(dirs.writing(), StorageLayout.MANIFEST), ManifestJson.write(manifest));
    if (!inputs.isEmpty()) {
      storage.writeAll(new Path(dirs.writing(), ManifestJson.INPUTS), ManifestJson.write(new ManifestJson.Inputs(inputs)));
    }
    dirs.publish(storage);
    return manifest;
  }

  private List<Manifest.File> write(List<Entry> sorted, Path dir, String name) throws IOException {
    // Lots repeat (a few thousand per partition), so the lot filter is sized by their exact count;
    // a child has one or a few doses a day, so the row count bounds the child keys closely enough
    // (a filter sized for more values than it holds only has a lower false-positive rate).
    BloomSizes bloom = new BloomSizes(distinct(sorted, Entry::lotNumber), sorted.size());
    List<Manifest.File> files = new ArrayList<>();
    int next = 0;
    while (next < sorted.size()) {
      Path file = new Path(dir, String.format("part-%05d.parquet", files.size()));
      int start = next;
      MerkleTree merkle = new MerkleTree();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      try (ParquetWriter<byte[]> writer = parquet.archiveWriter(file, settings.parquet(), bloom)) {
        while (next < sorted.size()) {
          Entry entry = sorted.get(next++);
          writer.write(entry.encoded());
          merkle.add(entry.digest());
          min = Math.min(min, entry.occurredAt());
          max = Math.max(max, entry.occurredAt());
          // getDataSize() walks every column writer: asking every 64 rows is precise enough.
          if ((next - start) % 64 == 0 && writer.getDataSize() >= settings.targetFileBytes()) {
            break;
          }
        }
      }
      long bytes = storage.fs().getFileStatus(file).getLen();
      files.add(new Manifest.File(file.getName(), next - start, bytes, Digests.hex(storage.sha256(file)),
          Instant.ofEpochMilli(min).toString(), Instant.ofEpochMilli(max).toString(),
          Digests.hex(merkle.root())));
      progress.line(name + ": wrote " + file.getName() + " (" + (next - start) + " rows, " + bytes + " bytes)");
      pause();
    }
    return files;
  }

  /**
   * Reads the written files back: each must hold exactly the records meant for it, in order. Every
   * column of every record is read and the record's encoding rebuilt from what the file holds, so
   * a digest equal to the intended record's proves the file holds that record, field for field.
   * The same digests in the same order give the Merkle root the manifest states, so it is not
   * hashed again.
   */
  private void check(Path dir, List<Manifest.File> files, List<Entry> sorted) throws IOException {
    EncodedScan scan = new EncodedScan(parquet, List.of(), false);
    int[] index = {0};
    for (Manifest.File expected : files) {
      FileScan.Result result = scan.scan(new Path(dir, expected.name()), (record, digest) -> {
        if (index[0] >= sorted.size() || !Arrays.equals(digest, sorted.get(index[0]).digest())) {
          throw new IOException(expected.name() + " does not read back as written (row " + index[0] + ")");
        }
        index[0]++;
      });
      if (result.rows() != expected.rows()) {
        throw new IOException(expected.name() + " does not read back as written");
      }
    }
    if (index[0] != sorted.size()) {
      throw new IOException("written files hold " + index[0] + " rows, not " + sorted.size());
    }
  }

  private Manifest manifest(String region, LocalDate date, List<Entry> sorted, List<Manifest.File> files) {
    MerkleTree merkle = new MerkleTree();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long signed = 0;
    for (Entry entry : sorted) {
      merkle.add(entry.digest());
      min = Math.min(min, entry.occurredAt());
      max = Math.max(max, entry.occurredAt());
      signed += entry.signed() ? 1 : 0;
    }
    long rows = sorted.size();
    return new Manifest(Manifest.FORMAT, region, date.toString(), rows,
        rows == 0 ? null : Instant.ofEpochMilli(min).toString(),
        rows == 0 ? null : Instant.ofEpochMilli(max).toString(),
        Manifest.SORT_ORDER, Manifest.RECORD_DIGEST, Manifest.MERKLE_TREE, PartitionManifests.schemaFingerprint(),
        Digests.hex(merkle.root()), signed, files);
  }

  private static long distinct(List<Entry> entries, Function<Entry, String> field) {
    Set<String> values = new HashSet<>();
    for (Entry entry : entries) {
      values.add(field.apply(entry));
    }
    return values.size();
  }

  private void pause() throws IOException {
    if (settings.fileWriteDelay().isZero()) {
      return;
    }
    try {
      Thread.sleep(settings.fileWriteDelay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("compaction interrupted");
    }
  }
}
