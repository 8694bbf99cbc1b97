package org.qianhe.batch.archive;

import java.io.IOException;
import org.apache.hadoop.fs.Path;

/**
 * How a partition directory is replaced without a reader ever seeing half of it (the Kafka
 * Connect HDFS habit: write aside, then commit by rename). Beside the committed
 * {@code date=D} the compaction uses three siblings whose names start with '.', which readers
 * skip:
 * <ol>
 *   <li>{@code .date=D.writing}: files being written; worthless after a crash, deleted;</li>
 *   <li>{@code .date=D.ready}: written and verified; after a crash the swap is rolled forward;</li>
 *   <li>{@code .date=D.replaced}: the previous partition, moved aside for the swap, then deleted.</li>
 * </ol>
 * The swap is two renames (Hadoop has no atomic replace of a non-empty directory): for the
 * instant between them the partition is absent, never partial or mixed.
 */
public final class PartitionDirs {

  private final Path committed;
  private final Path writing;
  private final Path ready;
  private final Path replaced;

  public PartitionDirs(Path committed) {
    this.committed = committed;
    String name = committed.getName();
    this.writing = new Path(committed.getParent(), "." + name + ".writing");
    this.ready = new Path(committed.getParent(), "." + name + ".ready");
    this.replaced = new Path(committed.getParent(), "." + name + ".replaced");
  }

  public Path committed() {
    return committed;
  }

  public Path writing() {
    return writing;
  }

  /** True when an interrupted compaction left something to clean up or finish. */
  public boolean pending(ArchiveStorage storage) throws IOException {
    return storage.exists(writing) || storage.exists(ready) || storage.exists(replaced)
        || storage.exists(new Path(committed, ManifestJson.INPUTS));
  }

  /**
   * Brings the directories back to "committed only" after a crash at any point.
   *
   * @return what was done, for the progress line; empty when nothing was pending
   */
  public String recover(ArchiveStorage storage) throws IOException {
    java.util.List<String> done = new java.util.ArrayList<>();
    if (storage.exists(writing)) {
      storage.deleteRecursively(writing);
      done.add("discarded unfinished files");
    }
    if (storage.exists(ready)) {
      // Verified before it was renamed to .ready, so the interrupted swap is finished.
      if (storage.exists(committed) && storage.exists(replaced)) {
        storage.deleteRecursively(replaced);
      }
      swap(storage);
      done.add("finished an interrupted swap");
    }
    if (storage.exists(replaced)) {
      storage.deleteRecursively(replaced);
      done.add("removed the replaced partition");
    }
    return String.join("; ", done);
  }

  /** Publishes the verified files of {@code .writing} as the partition. */
  public void publish(ArchiveStorage storage) throws IOException {
    storage.rename(writing, ready);
    swap(storage);
    storage.deleteRecursively(replaced);
  }

  /** Takes the partition away as a whole: out of readers' sight by one rename, then deleted. */
  public void remove(ArchiveStorage storage) throws IOException {
    if (storage.exists(committed)) {
      storage.rename(committed, replaced);
    }
    storage.deleteRecursively(replaced);
  }

  private void swap(ArchiveStorage storage) throws IOException {
    if (storage.exists(committed)) {
      storage.rename(committed, replaced);
    }
    storage.rename(ready, committed);
  }
}
