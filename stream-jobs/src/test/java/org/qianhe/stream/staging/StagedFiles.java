package org.qianhe.stream.staging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.qianhe.model.storage.StorageLayout;

/**
 * Reads the staging area the way the nightly compaction does: committed data files only
 * ({@link StorageLayout#isDataFile}), as generic Avro records through parquet-avro.
 */
public final class StagedFiles {

  /** One staged record: the partition directory it was found in and the record. */
  public record Staged(String partition, GenericRecord record) {
    public String consentId() {
      return record.get("consentId").toString();
    }
  }

  private StagedFiles() {}

  public static List<Path> dataFiles(Path root) {
    Path staging = root.resolve(StorageLayout.STAGING);
    if (!Files.isDirectory(staging)) {
      return List.of();
    }
    return regularFiles(staging).stream().filter(f -> StorageLayout.isDataFile(f.getFileName().toString())).toList();
  }

  /** Every file under staging, in-progress ones included. */
  public static List<Path> allFiles(Path root) {
    return regularFiles(root);
  }

  /**
   * The regular files below {@code dir}, sorted. A running job renames its in-progress files when
   * it commits them, and a walk that meets a file just renamed fails: the walk is then made again.
   */
  private static List<Path> regularFiles(Path dir) {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(Files::isRegularFile).sorted().toList();
      } catch (UncheckedIOException e) {
        // the walk's iterator reports a vanished entry this way; anything else, or ten in a row, is real
        if (!(e.getCause() instanceof NoSuchFileException) || attempt == 10) {
          throw e;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static List<Staged> read(Path root) {
    List<Staged> staged = new ArrayList<>();
    Path staging = root.resolve(StorageLayout.STAGING);
    for (Path file : dataFiles(root)) {
      String partition = staging.relativize(file.getParent()).toString();
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
              HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
          .withDataModel(GenericData.get()).build()) {
        GenericRecord record;
        while ((record = reader.read()) != null) {
          staged.add(new Staged(partition, record));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return staged;
  }
}
