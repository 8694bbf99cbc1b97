package org.qianhe.batch.reindex;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.verify.PartitionRef;
import org.qianhe.model.storage.StorageLayout;

/** Every region-day the index must cover: committed archive partitions and staged partitions. */
final class RegionDays {

  private RegionDays() {}

  static List<PartitionRef> all(ArchiveStorage storage) throws IOException {
    TreeSet<String> found = new TreeSet<>();
    for (String area : List.of(StorageLayout.ARCHIVE, StorageLayout.STAGING)) {
      for (FileStatus region : storage.list(new Path(storage.root() + "/" + area))) {
        if (!region.isDirectory() || !region.getPath().getName().startsWith("region=")) {
          continue;
        }
        for (FileStatus day : storage.list(region.getPath())) {
          String name = day.getPath().getName();
          if (day.isDirectory() && name.matches("date=\\d{4}-\\d{2}-\\d{2}")) {
            found.add(region.getPath().getName().substring("region=".length()) + "/" + name.substring("date=".length()));
          }
        }
      }
    }
    return found.stream().map(key -> new PartitionRef(key.split("/")[0], key.split("/")[1])).toList();
  }
}
