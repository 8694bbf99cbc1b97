package org.qianhe.batch.compact;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.ManifestJson;
import org.qianhe.batch.archive.PartitionDirs;
import org.qianhe.batch.archive.RecordBinary;
import org.qianhe.model.storage.StorageLayout;

/**
 * Removes records from a committed partition (retention): the kept records are rewritten with the
 * same write-aside, read-back, manifest and swap as a compaction; a partition left empty is
 * removed. Before anything is removed, a disposal record listing the removed consentIds is written
 * under {@code archive/_disposals/} (readers skip '_' names): archives keep proof of what was
 * disposed of, and when. What goes with a removed record (its evidence) is disposed of after the
 * disposal record and before the swap: a crash in between leaves the record in the partition, so
 * the next run removes it again and finishes the disposal (deleting what is already gone is a no-op).
 */
public final class PartitionPruner {

  public static final String DISPOSALS = "archive/_disposals";

  /**
   * What a partition holds past the policy, and whether it was removed. {@code evidenceObjects}:
   * the removed records' evidence objects found (dry run) or deleted (apply).
   */
  public record Result(String region, String date, long rows, long removable, long evidenceRefs, long evidenceObjects,
      boolean applied) {}

  /** Disposes of what goes with a removed record besides its row: its evidence. */
  @FunctionalInterface
  public interface Disposer {
    /** How many stored objects of the record there are (dry run) or were deleted ({@code apply}). */
    long dispose(GenericRecord removed, boolean apply) throws IOException;
  }

  /** The disposal record of one partition. */
  public record Disposal(String region, String date, String policy, long kept, List<String> removedConsentIds) {}

  private final ArchiveStorage storage;
  private final PartitionWriter writer;
  private final ArchivedRecords archived;

  public PartitionPruner(ArchiveStorage storage, CompactSettings settings, Progress progress) {
    this.storage = storage;
    ConsentParquet parquet = new ConsentParquet(storage.conf(), settings.zstdLevel());
    this.writer = new PartitionWriter(storage, parquet, settings, progress);
    this.archived = new ArchivedRecords(storage, parquet);
  }

  /**
   * @param remove which records are past the policy
   * @param policy the policy as text, recorded in the disposal record; also names its folder
   * @param apply  false: only count (dry run)
   * @param disposer deletes (or with {@code apply} false, counts) what goes with each removed record
   */
  public Result prune(String region, LocalDate date, Predicate<GenericRecord> remove, String policy, boolean apply,
      Disposer disposer) throws IOException {
    String name = StorageLayout.partition(region, date);
    Path committed = new Path(StorageLayout.archivePartition(storage.root(), region, date));
    PartitionDirs dirs = new PartitionDirs(committed);
    if (dirs.pending(storage)) {
      throw new IllegalStateException("partition " + name + " has an interrupted compaction pending: run compact --date "
          + date + " --region " + region + " first");
    }
    if (!storage.exists(committed)) {
      return new Result(region, date.toString(), 0, 0, 0, 0, false);
    }
    SortBuffer kept = new SortBuffer(Long.MAX_VALUE, name);
    List<String> removed = new ArrayList<>();
    List<GenericRecord> removedRecords = new ArrayList<>();
    long[] evidence = {0};
    RecordBinary current = new RecordBinary();
    long rows = archived.readRecords(committed, name, (record, encoded, digest) -> {
      if (remove.test(record)) {
        removed.add(record.get("consentId").toString());
        removedRecords.add(record);
        evidence[0] += ((List<?>) record.get("evidence")).size();
      } else {
        kept.add(ArchivedRecords.entry(record, encoded, digest, current));
      }
    });
    if (!apply || removed.isEmpty()) {
      long objects = 0;
      for (GenericRecord record : removedRecords) {
        objects += disposer.dispose(record, false);
      }
      return new Result(region, date.toString(), rows, removed.size(), evidence[0], objects, false);
    }
    List<Entry> sorted = kept.sorted();
    Path disposal = new Path(storage.root() + "/" + DISPOSALS + "/" + policy.replaceAll("[^A-Za-z0-9.=-]", "_")
        + "/region=" + region + "/date=" + date + ".json");
    storage.deleteIfExists(disposal);
    storage.writeAll(disposal, ManifestJson.write(new Disposal(region, date.toString(), policy, sorted.size(), removed)));
    long deleted = 0;
    for (GenericRecord record : removedRecords) {
      deleted += disposer.dispose(record, true);
    }
    if (sorted.isEmpty()) {
      dirs.remove(storage);
    } else {
      writer.publish(dirs, region, date, sorted, List.of());
    }
    return new Result(region, date.toString(), rows, removed.size(), evidence[0], deleted, true);
  }
}
