package org.qianhe.batch.archive;

import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.apache.avro.SchemaNormalization;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.qianhe.model.storage.StorageLayout;

/** Reading a committed partition's manifest and listing its data files. */
public final class PartitionManifests {

  private PartitionManifests() {}

  /** Empty when the manifest is missing or unreadable. */
  public static Optional<Manifest> read(ArchiveStorage storage, Path partition) throws IOException {
    Path file = new Path(partition, StorageLayout.MANIFEST);
    if (!storage.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ManifestJson.read(storage.readAll(file), Manifest.class));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return Optional.empty();
    }
  }

  /** Data file names in the partition, sorted. */
  public static List<String> dataFiles(ArchiveStorage storage, Path partition) throws IOException {
    return storage.list(partition).stream()
        .filter(FileStatus::isFile)
        .map(status -> status.getPath().getName())
        .filter(StorageLayout::isDataFile)
        .toList();
  }

  public static String schemaFingerprint() {
    try {
      return Digests.hex(SchemaNormalization.parsingFingerprint("SHA-256", RecordBinary.SCHEMA));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
