package org.qianhe.batch.compact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.Digests;
import org.qianhe.batch.archive.PartitionDirs;
import org.qianhe.model.storage.StorageLayout;

/** Finds what a compaction of one day has to do: committed staged files and unfinished partitions. */
public final class StagingScan {

  private static final String REGION_PREFIX = "region=";

  private final ArchiveStorage storage;

  public StagingScan(ArchiveStorage storage) {
    this.storage = storage;
  }

  /** Committed staged data files of one partition; in-progress ('.', '_') files are not. */
  public List<FileStatus> stagedFiles(String region, LocalDate date) throws IOException {
    Path dir = new Path(StorageLayout.stagingPartition(storage.root(), region, date));
    return storage.list(dir).stream()
        .filter(FileStatus::isFile)
        .filter(status -> StorageLayout.isDataFile(status.getPath().getName()))
        .toList();
  }

  /**
   * Regions of the day that need a compaction run: those with staged files, and those whose
   * archive partition an interrupted run left unfinished. {@code onlyRegion} null means all.
   */
  public List<String> regionsToCompact(LocalDate date, String onlyRegion) throws IOException {
    TreeSet<String> regions = new TreeSet<>();
    for (String region : regionsUnder(new Path(storage.root() + "/" + StorageLayout.STAGING), onlyRegion)) {
      if (!stagedFiles(region, date).isEmpty()) {
        regions.add(region);
      }
    }
    for (String region : regionsUnder(new Path(storage.root() + "/" + StorageLayout.ARCHIVE), onlyRegion)) {
      Path partition = new Path(StorageLayout.archivePartition(storage.root(), region, date));
      if (new PartitionDirs(partition).pending(storage)) {
        regions.add(region);
      }
    }
    return List.copyOf(regions);
  }

  /**
   * A digest of what is staged for the day (names and sizes): the identity of a compaction run.
   * The same inputs make the same job instance, so a crashed run is restarted, not repeated;
   * new late files make a new one.
   */
  public String fingerprint(LocalDate date, String onlyRegion) throws IOException {
    MessageDigest digest = Digests.sha256();
    for (String region : regionsToCompact(date, onlyRegion)) {
      for (FileStatus file : stagedFiles(region, date)) {
        digest.update((region + "/" + file.getPath().getName() + ":" + file.getLen() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
    return Digests.hex(digest.digest());
  }

  private List<String> regionsUnder(Path dir, String onlyRegion) throws IOException {
    return storage.list(dir).stream()
        .filter(FileStatus::isDirectory)
        .map(status -> status.getPath().getName())
        .filter(name -> name.startsWith(REGION_PREFIX))
        .map(name -> name.substring(REGION_PREFIX.length()))
        .filter(region -> onlyRegion == null || onlyRegion.equals(region))
        .toList();
  }
}
