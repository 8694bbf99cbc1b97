package org.qianhe.batch.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.model.storage.StorageLayout;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The archive partitions of a date range, committed or left half-swapped by an interrupted
 * compaction (a {@code .date=D.ready} whose {@code date=D} is gone must be reported, not skipped).
 * Saves its position, so a restarted verification resumes where it stopped.
 */
public final class ArchivePartitionReader implements ItemStreamReader<PartitionRef> {

  private static final Pattern DATE_DIR = Pattern.compile("\\.?date=(\\d{4}-\\d{2}-\\d{2})(\\..*)?");
  private static final String INDEX = "verify.partition.index";

  private final ArchiveStorage storage;
  private final LocalDate from;
  private final LocalDate to;
  private final String onlyRegion;
  private List<PartitionRef> partitions;
  private int next;

  public ArchivePartitionReader(ArchiveStorage storage, LocalDate from, LocalDate to, String onlyRegion) {
    this.storage = storage;
    this.from = from;
    this.to = to;
    this.onlyRegion = onlyRegion;
  }

  @Override
  public void open(ExecutionContext context) {
    partitions = list();
    next = context.containsKey(INDEX) ? context.getInt(INDEX) : 0;
  }

  @Override
  public void update(ExecutionContext context) {
    context.putInt(INDEX, next);
  }

  @Override
  public PartitionRef read() {
    return next < partitions.size() ? partitions.get(next++) : null;
  }

  public List<PartitionRef> list() {
    TreeSet<String> found = new TreeSet<>();
    try {
      for (FileStatus regionDir : storage.list(new Path(storage.root() + "/" + StorageLayout.ARCHIVE))) {
        String regionName = regionDir.getPath().getName();
        if (!regionDir.isDirectory() || !regionName.startsWith("region=")) {
          continue;
        }
        String region = regionName.substring("region=".length());
        if (onlyRegion != null && !onlyRegion.equals(region)) {
          continue;
        }
        for (FileStatus dateDir : storage.list(regionDir.getPath())) {
          Matcher matcher = DATE_DIR.matcher(dateDir.getPath().getName());
          if (dateDir.isDirectory() && matcher.matches() && inRange(matcher.group(1))) {
            found.add(region + "/" + matcher.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found.stream().map(key -> new PartitionRef(key.split("/")[0], key.split("/")[1])).toList();
  }

  private boolean inRange(String date) {
    try {
      LocalDate day = LocalDate.parse(date);
      return !day.isBefore(from) && !day.isAfter(to);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
