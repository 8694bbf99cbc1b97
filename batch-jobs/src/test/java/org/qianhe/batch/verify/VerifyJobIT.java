package org.qianhe.batch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.Cli;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.Digests;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.ManifestJson;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.batch.archive.RecordBinary;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;

/** Acceptance 5: verify finds a flipped byte and a deleted row, and reports by the four properties. */
class VerifyJobIT {

  static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @TempDir java.nio.file.Path dir;
  String root;
  ArchiveStorage storage;
  ArchiveContent archive;

  @BeforeAll
  static void schema() {
    Cli.createSchema();
  }

  @BeforeEach
  void compactTwoPartitions() throws IOException {
    root = dir.toUri().toString();
    storage = ArchiveStorage.open(root, Map.of());
    archive = new ArchiveContent(storage);
    StagingFixture fixture = new StagingFixture(31);
    for (String region : List.of("410105", "410302")) {
      StagingFixture.stage(storage, region, DAY, "part-1.parquet", fixture.records(region, DAY, 40));
      StagingFixture.compactor(storage, 1 << 30).compact(region, DAY);
    }
  }

  @Test
  void cleanArchiveReportsAllFourPropertiesOk() {
    Cli.Result result = Cli.run(root, "verify", "--from", DAY.toString(), "--to", DAY.toString());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("verified 2 partition(s), 80 rows: no mismatch",
        "AUTHENTICITY  OK", "INTEGRITY     OK", "USABILITY     OK", "SECURITY      OK",
        "region=410105/date=2026-11-20: 40 records unsigned");
  }

  @Test
  void detectsASingleFlippedByte() throws IOException {
    java.nio.file.Path file = dir.resolve("archive/consents/region=410105/date=2026-11-20/part-00000.parquet");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 3] ^= 0x01;
    Files.write(file, bytes);

    Cli.Result result = Cli.run(root, "verify", "--from", DAY.toString(), "--to", DAY.toString());

    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    assertThat(result.output()).contains("INTEGRITY     FAIL",
        "MISMATCH region=410105/date=2026-11-20: part-00000.parquet: SHA-256 differs from the manifest");
    assertThat(result.output()).doesNotContain("MISMATCH region=410302");
  }

  @Test
  void detectsADeletedRowEvenWhenTheFileDigestWasUpdated() throws IOException {
    Path partition = archive.partition("410302", DAY);
    List<GenericRecord> rows = archive.rows(partition);
    Path file = new Path(partition, "part-00000.parquet");
    rewrite(file, rows.subList(1, rows.size()));
    // a careful tamperer also fixes the file's digest and size in the manifest
    Manifest manifest = PartitionManifests.read(storage, partition).orElseThrow();
    Manifest.File old = manifest.files().get(0);
    Manifest.File patched = new Manifest.File(old.name(), old.rows(), storage.fs().getFileStatus(file).getLen(),
        Digests.hex(storage.sha256(file)), old.minOccurredAt(), old.maxOccurredAt(), old.merkleRoot());
    Path manifestFile = new Path(partition, StorageLayout.MANIFEST);
    storage.deleteIfExists(manifestFile);
    storage.writeAll(manifestFile, ManifestJson.write(new Manifest(manifest.format(), manifest.region(), manifest.date(),
        manifest.rows(), manifest.minOccurredAt(), manifest.maxOccurredAt(), manifest.sortOrder(), manifest.recordDigest(),
        manifest.merkleTree(), manifest.schemaFingerprint(), manifest.merkleRoot(), manifest.signedRecords(),
        List.of(patched))));

    Cli.Result result = Cli.run(root, "verify", "--from", DAY.toString(), "--to", DAY.toString(), "--region", "410302");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    assertThat(result.output()).contains("verified 1 partition(s), 39 rows",
        "part-00000.parquet: 39 rows, manifest says 40",
        "part-00000.parquet: record digests differ from the manifest",
        "Merkle root over the records differs from the manifest")
        .doesNotContain("SHA-256 differs");
  }

  @Test
  void detectsAnUnmaskedNameWithoutPrintingIt() throws IOException {
    ConsentRecord leaky = new StagingFixture(32).records("410105", DAY, 1).get(0);
    leaky.getChild().setNameMasked("王子涵");
    StagingFixture.stage(storage, "410105", DAY, "part-2.parquet", List.of(leaky));
    StagingFixture.compactor(storage, 1 << 30).compact("410105", DAY);

    Cli.Result result = Cli.run(root, "verify", "--from", DAY.toString(), "--to", DAY.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.output()).contains("SECURITY      FAIL",
        "1 records with a person field not masked, keyed or sealed; first: " + leaky.getConsentId() + " (child.nameMasked)")
        .doesNotContain("王子涵");
  }

  private void rewrite(Path file, List<GenericRecord> rows) throws IOException {
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(file, storage.conf()))
        .withSchema(RecordBinary.SCHEMA).withDataModel(GenericData.get())
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).withCompressionCodec(CompressionCodecName.ZSTD).build()) {
      for (GenericRecord row : rows) {
        writer.write(row);
      }
    }
  }
}
