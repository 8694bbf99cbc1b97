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
 * disposed of, and when.
 */
public final class PartitionPruner {

  public static final String DISPOSALS = "archive/_disposals";

  /** What a partition holds past the policy, and whether it was removed. */
  public record Result(String region, String date, long rows, long removable, long evidenceRefs, boolean applied) {}

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
   */
  public Result prune(String region, LocalDate date, Predicate<GenericRecord> remove, String policy, boolean apply)
      throws IOException {
    String name = StorageLayout.partition(region, date);
    Path committed = new Path(StorageLayout.archivePartition(storage.root(), region, date));
    PartitionDirs dirs = new PartitionDirs(committed);
    if (dirs.pending(storage)) {
      throw new IllegalStateException("partition " + name + " has an interrupted compaction pending: run compact --date "
          + date + " --region " + region + " first");
    }
    if (!storage.exists(committed)) {
      return new Result(region, date.toString(), 0, 0, 0, false);
    }
    SortBuffer kept = new SortBuffer(Long.MAX_VALUE, name);
    List<String> removed = new ArrayList<>();
    long[] evidence = {0};
    RecordBinary current = new RecordBinary();
    long rows = archived.read(committed, name, (record, encoded, digest) -> {
      if (remove.test(record)) {
        removed.add(record.get("consentId").toString());
        evidence[0] += ((List<?>) record.get("evidence")).size();
      } else {
        kept.add(ArchivedRecords.entry(record, encoded, digest, current));
      }
    });
    if (!apply || removed.isEmpty()) {
      return new Result(region, date.toString(), rows, removed.size(), evidence[0], false);
    }
    List<Entry> sorted = kept.sorted();
    Path disposal = new Path(storage.root() + "/" + DISPOSALS + "/" + policy.replaceAll("[^A-Za-z0-9.=-]", "_")
        + "/region=" + region + "/date=" + date + ".json");
    storage.deleteIfExists(disposal);
    storage.writeAll(disposal, ManifestJson.write(new Disposal(region, date.toString(), policy, sorted.size(), removed)));
    if (sorted.isEmpty()) {
      dirs.remove(storage);
    } else {
      writer.publish(dirs, region, date, sorted, List.of());
    }
    return new Result(region, date.toString(), rows, removed.size(), evidence[0], true);
  }
}
