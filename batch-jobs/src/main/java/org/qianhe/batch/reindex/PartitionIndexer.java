package org.qianhe.batch.reindex;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.FileScan;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.batch.compact.StagingScan;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.search.index.ConsentBulkWriter;

/**
 * Indexes one region-day into the new index: the committed archive partition and the staged
 * files not compacted yet (the index must hold them too), then checks the new index holds exactly
 * one document per distinct consentId of that day.
 */
public final class PartitionIndexer {

  /** What one region-day contributed. */
  public record Result(String region, String date, long archived, long staged, long documents) {}

  private final ArchiveStorage storage;
  private final ConsentParquet parquet;
  private final IndexRebuild rebuild;

  public PartitionIndexer(ArchiveStorage storage, IndexRebuild rebuild) {
    this.storage = storage;
    this.rebuild = rebuild;
    this.parquet = new ConsentParquet(storage.conf(), 3);
  }

  public Result index(String region, LocalDate date, ConsentBulkWriter writer, String newIndex) throws IOException {
    Set<String> ids = new HashSet<>();
    SpecificDatumReader<ConsentRecord> reader = new SpecificDatumReader<>(ConsentRecord.class);
    FileScan scan = FileScan.inCurrentSchema(parquet);
    FileScan.RecordVisitor add = (record, encoded, digest) -> {
      ConsentRecord consent = reader.read(null, DecoderFactory.get().binaryDecoder(encoded, null));
      ids.add(consent.getConsentId());
      writer.add(consent);
    };
    long archived = 0;
    Path partition = new Path(StorageLayout.archivePartition(storage.root(), region, date));
    if (storage.exists(partition)) {
      for (String file : PartitionManifests.dataFiles(storage, partition)) {
        archived += scan.scan(new Path(partition, file), add).rows();
      }
    }
    long staged = 0;
    List<FileStatus> stagedFiles = new StagingScan(storage).stagedFiles(region, date);
    for (FileStatus file : stagedFiles) {
      staged += scan.scan(file.getPath(), add).rows();
    }
    writer.flush();
    long documents = rebuild.count(newIndex, region, date);
    if (documents != ids.size()) {
      throw new IllegalStateException("index " + newIndex + " holds " + documents + " documents for region=" + region
          + "/date=" + date + ", the archive and staging " + ids.size() + " consents; not swapping");
    }
    return new Result(region, date.toString(), archived, staged, documents);
  }
}
