package org.qianhe.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.Digests;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.model.storage.StorageLayout;

/** What a reader of the archive sees: committed partitions only, their rows, their file digests. */
public final class ArchiveContent {

  private final ArchiveStorage storage;
  private final ConsentParquet parquet;

  public ArchiveContent(ArchiveStorage storage) {
    this.storage = storage;
    this.parquet = new ConsentParquet(storage.conf(), 3);
  }

  /** {@code region=R/date=D} of every partition a reader would list (hidden names skipped). */
  public List<String> partitions() throws IOException {
    List<String> partitions = new ArrayList<>();
    for (FileStatus region : storage.list(new Path(storage.root() + "/" + StorageLayout.ARCHIVE))) {
      for (FileStatus date : storage.list(region.getPath())) {
        String name = date.getPath().getName();
        if (date.isDirectory() && !name.startsWith(".") && !name.startsWith("_")) {
          partitions.add(region.getPath().getName() + "/" + name);
        }
      }
    }
    return partitions;
  }

  public Path partition(String region, java.time.LocalDate date) {
    return new Path(StorageLayout.archivePartition(storage.root(), region, date));
  }

  /** Every record of a partition, files in name order, rows in file order. */
  public List<GenericRecord> rows(Path partition) {
    try {
      List<GenericRecord> rows = new ArrayList<>();
      for (String name : PartitionManifests.dataFiles(storage, partition)) {
        try (var reader = parquet.reader(new Path(partition, name))) {
          for (GenericRecord record; (record = reader.read()) != null; ) {
            rows.add(record);
          }
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<String> consentIds(Path partition) {
    return rows(partition).stream().map(r -> r.get("consentId").toString()).toList();
  }

  /** name -> sha256 of every file in the partition, manifest included. */
  public java.util.Map<String, String> fileDigests(Path partition) {
    try {
      java.util.Map<String, String> digests = new java.util.TreeMap<>();
      for (FileStatus file : storage.list(partition)) {
        digests.put(file.getPath().getName(), Digests.hex(storage.sha256(file.getPath())));
      }
      return digests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
