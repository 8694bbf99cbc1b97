package org.qianhe.batch.paper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificData;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;

/**
 * Writes paper records into the staging area the compact job reads, in the format the stream job
 * writes there: parquet-avro of {@code ConsentRecord} with the record's own schema and data model,
 * SNAPPY, under {@code staging/region=R/date=D/}.
 *
 * <p>Committed files only: each file is written under a hidden name ({@code .name.writing}, which
 * readers skip) and renamed over the final name. Names are given by the caller and deterministic
 * (batch and file, or the review), so a rerun replaces a file instead of adding a second copy.
 */
final class PaperStaging {

  private final ArchiveStorage storage;

  PaperStaging(ArchiveStorage storage) {
    this.storage = storage;
  }

  /**
   * Writes the records, one file named {@code name + ".parquet"} in each staging partition they
   * fall in (a multi-page scan file may hold forms of several days).
   *
   * @return the files written
   */
  List<Path> write(String name, List<ConsentRecord> records) throws IOException {
    Map<String, List<ConsentRecord>> byPartition = new TreeMap<>();
    for (ConsentRecord record : records) {
      byPartition.computeIfAbsent(StorageLayout.stagingPartition(storage.root(), record.getRegionCode(),
          StorageLayout.partitionDate(record.getOccurredAt())), p -> new ArrayList<>()).add(record);
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, List<ConsentRecord>> partition : byPartition.entrySet()) {
      Path dir = new Path(partition.getKey());
      Path target = new Path(dir, name + ".parquet");
      Path hidden = new Path(dir, "." + name + ".parquet.writing");
      storage.fs().mkdirs(dir);
      try (ParquetWriter<ConsentRecord> writer = AvroParquetWriter.<ConsentRecord>builder(
              HadoopOutputFile.fromPath(hidden, storage.conf()))
          .withSchema(ConsentRecord.getClassSchema())
          .withDataModel(SpecificData.getForClass(ConsentRecord.class))
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .build()) {
        for (ConsentRecord record : partition.getValue()) {
          writer.write(record);
        }
      }
      // atomic on HDFS; on a local disk rename(2) replaces the old file in one step too
      FileContext.getFileContext(storage.fs().getUri(), storage.conf()).rename(hidden, target, Options.Rename.OVERWRITE);
      written.add(target);
    }
    return written;
  }
}
