package org.qianhe.batch.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.Digests;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.ManifestJson;
import org.qianhe.batch.archive.MerkleTree;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.batch.archive.RecordBinary;
import org.qianhe.batch.verify.Finding;
import org.qianhe.batch.verify.PartitionVerification;
import org.qianhe.batch.verify.PartitionVerifier;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;

/**
 * A partition compacted under an older version of the contract (here: before {@code receipt}
 * existed) still verifies, since digests are over the schema it was written with, and a later
 * compaction merges it into the current schema.
 */
class SchemaEvolutionTest {

  static final String REGION = "410105";
  static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @TempDir java.nio.file.Path dir;

  @Test
  void aPartitionOfAnOlderSchemaVerifiesAndIsMergedIntoTheCurrentOne() throws Exception {
    ArchiveStorage storage = ArchiveStorage.open(dir.toUri().toString(), Map.of());
    StagingFixture fixture = new StagingFixture(91);
    List<ConsentRecord> old = fixture.records(REGION, DAY, 30);
    writeOldPartition(storage, old);

    PartitionVerification verification = new PartitionVerifier(storage).verify(REGION, DAY);
    assertThat(verification.findings()).filteredOn(Finding::mismatch).isEmpty();
    assertThat(verification.findings()).extracting(Finding::message)
        .anyMatch(message -> message.startsWith("written under another schema version"));

    List<ConsentRecord> late = fixture.records(REGION, DAY, 5);
    StagingFixture.stage(storage, REGION, DAY, "late.parquet", late);
    CompactionResult result = StagingFixture.compactor(storage, 1 << 30).compact(REGION, DAY);

    assertThat(result.rows()).isEqualTo(35);
    ArchiveContent archive = new ArchiveContent(storage);
    assertThat(archive.rows(archive.partition(REGION, DAY))).allSatisfy(row ->
        assertThat(row.getSchema().getField("receipt")).isNotNull());
    Manifest manifest = PartitionManifests.read(storage, archive.partition(REGION, DAY)).orElseThrow();
    assertThat(manifest.schemaFingerprint()).isEqualTo(PartitionManifests.schemaFingerprint());
    assertThat(new PartitionVerifier(storage).verify(REGION, DAY).clean()).isTrue();
  }

  /** ConsentRecord as it was before {@code receipt} was added. */
  static Schema oldSchema() {
    Schema current = RecordBinary.SCHEMA;
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : current.getFields()) {
      if (!field.name().equals("receipt")) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  /** What a compaction under the old schema wrote: sorted records, digests over the old schema. */
  private static void writeOldPartition(ArchiveStorage storage, List<ConsentRecord> records) throws Exception {
    Schema schema = oldSchema();
    RecordBinary current = new RecordBinary();
    RecordBinary binary = new RecordBinary(schema);
    GenericDatumReader<GenericRecord> toOld = new GenericDatumReader<>(RecordBinary.SCHEMA, schema, GenericData.get());
    List<GenericRecord> rows = new ArrayList<>();
    for (ConsentRecord record : records) {
      rows.add(toOld.read(null, DecoderFactory.get().binaryDecoder(current.encode(StagingFixture.generic(record)), null)));
    }
    rows.sort(Comparator.comparing((GenericRecord r) -> r.get("siteCode").toString())
        .thenComparing(r -> ((GenericRecord) r.get("vaccination")).get("vaccineCode").toString())
        .thenComparing(r -> ((GenericRecord) r.get("vaccination")).get("lotNumber").toString())
        .thenComparing(r -> (Long) r.get("occurredAt"))
        .thenComparing(r -> r.get("consentId").toString()));
    Path partition = new Path(StorageLayout.archivePartition(storage.root(), REGION, DAY));
    Path file = new Path(partition, "part-00000.parquet");
    MerkleTree merkle = new MerkleTree();
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(file, storage.conf()))
        .withSchema(schema).withDataModel(GenericData.get()).withCompressionCodec(CompressionCodecName.ZSTD).build()) {
      for (GenericRecord row : rows) {
        writer.write(row);
        merkle.add(binary.digest(binary.encode(row)));
      }
    }
    String root = Digests.hex(merkle.root());
    String min = Instant.ofEpochMilli(rows.stream().mapToLong(r -> (Long) r.get("occurredAt")).min().orElseThrow()).toString();
    String max = Instant.ofEpochMilli(rows.stream().mapToLong(r -> (Long) r.get("occurredAt")).max().orElseThrow()).toString();
    Manifest manifest = new Manifest(Manifest.FORMAT, REGION, DAY.toString(), rows.size(), min, max, Manifest.SORT_ORDER,
        Manifest.RECORD_DIGEST, Manifest.MERKLE_TREE,
        Digests.hex(SchemaNormalization.parsingFingerprint("SHA-256", schema)), root, 0,
        List.of(new Manifest.File(file.getName(), rows.size(), storage.fs().getFileStatus(file).getLen(),
            Digests.hex(storage.sha256(file)), min, max, root)));
    storage.writeAll(new Path(partition, StorageLayout.MANIFEST), ManifestJson.write(manifest));
  }
}
