package org.qianhe.batch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.StagingFixture;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Finding;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.Processing;
import org.qianhe.model.Receipt;
import org.qianhe.model.ReviewStatus;
import org.qianhe.model.Severity;
import org.qianhe.model.ValidationStatus;

/**
 * The compaction's Avro-binary path through Parquet against parquet-avro's: the same file bytes
 * written, the same record encodings read, over records with every optional part present and
 * absent (nulls, empty and filled arrays, nested optional records).
 */
class EncodedRecordsTest {

  @TempDir
  java.nio.file.Path dir;

  @Test
  void writesTheFileParquetAvroWritesAndReadsBackTheSameEncodings() throws Exception {
    ArchiveStorage storage = ArchiveStorage.open(dir.toUri().toString(), Map.of());
    ConsentParquet parquet = new ConsentParquet(storage.conf(), 3);
    RecordBinary binary = new RecordBinary();
    List<byte[]> encoded = new ArrayList<>();
    for (ConsentRecord record : varied()) {
      encoded.add(binary.encode(StagingFixture.generic(record)));
    }

    Path ours = new Path(dir.resolve("ours.parquet").toUri());
    Path theirs = new Path(dir.resolve("theirs.parquet").toUri());
    ConsentParquet.ParquetSettings settings = new ConsentParquet.ParquetSettings(1 << 20, 8 << 10, 0.01);
    ConsentParquet.BloomSizes bloom = new ConsentParquet.BloomSizes(encoded.size(), encoded.size());
    try (ParquetWriter<byte[]> writer = parquet.archiveWriter(ours, settings, bloom)) {
      for (byte[] bytes : encoded) {
        writer.write(bytes);
      }
    }
    GenericRecord reuse = null;
    try (ParquetWriter<GenericRecord> writer = avroWriter(theirs, storage, settings, bloom)) {
      for (byte[] bytes : encoded) {
        reuse = binary.decode(bytes, reuse);
        writer.write(reuse);
      }
    }
    assertThat(Files.readAllBytes(dir.resolve("ours.parquet"))).isEqualTo(Files.readAllBytes(dir.resolve("theirs.parquet")));

    List<byte[]> readByParquetAvro = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader = parquet.readerAsWritten(theirs)) {
      for (GenericRecord record; (record = reader.read()) != null; ) {
        readByParquetAvro.add(binary.encode(record));
      }
    }
    List<byte[]> readEncoded = new ArrayList<>();
    List<String> lots = new ArrayList<>();
    List<Boolean> signed = new ArrayList<>();
    new EncodedScan(parquet, List.of("vaccination.lotNumber", "signature.algorithm"), true).scan(ours, (record, digest) -> {
      readEncoded.add(record.copy());
      lots.add(record.string(0));
      signed.add(record.present(1));
      assertThat(digest).isEqualTo(binary.digest(record.copy()));
    });
    assertThat(readEncoded).hasSize(encoded.size());
    for (int i = 0; i < encoded.size(); i++) {
      assertThat(readEncoded.get(i)).as("record %d", i).isEqualTo(encoded.get(i)).isEqualTo(readByParquetAvro.get(i));
      GenericRecord record = binary.decode(encoded.get(i), null);
      assertThat(lots.get(i)).isEqualTo(((GenericRecord) record.get("vaccination")).get("lotNumber").toString());
      assertThat(signed.get(i)).isEqualTo(record.get("signature") != null);
    }
  }

  /** Fixture consents, some stripped of optional parts, some with every optional part filled. */
  private static List<ConsentRecord> varied() {
    List<ConsentRecord> records = new ArrayList<>();
    List<ConsentRecord> base = new StagingFixture(7).records("410105", LocalDate.parse("2026-11-20"), 60);
    for (int i = 0; i < base.size(); i++) {
      ConsentRecord record = base.get(i);
      switch (i % 4) {
        case 1 -> record = ConsentRecord.newBuilder(record).setSignature(null).setTerminalId(null).setReceipt(null)
            .setScreening(List.of()).setEvidence(List.of()).build();
        case 2 -> record = ConsentRecord.newBuilder(record)
            .setReceipt(Receipt.newBuilder().setContentDigest("ab" + i).setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L + i))
                .setSignature(i % 8 == 2 ? null : "sig" + i).setKeyId("k").setAlgorithm(null).build())
            .setProcessing(Processing.newBuilder().setValidationStatus(ValidationStatus.WARNING)
                .setFindings(List.of(new Finding("F1", Severity.WARNING, "lot", "m"), new Finding("F2", Severity.ERROR, "site", "")))
                .setDuplicateOf("dup-" + i)
                .setPaper(new PaperLineage("batch", "file.pdf", 3, 0.875, ReviewStatus.CORRECTED)).build())
            .build();
        case 3 -> record = ConsentRecord.newBuilder(record)
            .setProcessing(Processing.newBuilder().setFindings(List.of(new Finding("F3", Severity.ERROR, "x", "y"))).build())
            .build();
        default -> { }
      }
      records.add(record);
    }
    return records;
  }

  private static ParquetWriter<GenericRecord> avroWriter(Path file, ArchiveStorage storage,
      ConsentParquet.ParquetSettings settings, ConsentParquet.BloomSizes bloom) throws java.io.IOException {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(storage.conf());
    conf.setInt("parquet.compression.codec.zstd.level", 3);
    AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(file, conf))
        .withSchema(RecordBinary.SCHEMA)
        .withDataModel(GenericData.get())
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withRowGroupSize(settings.rowGroupBytes())
        .withPageSize(settings.pageBytes())
        .withDictionaryEncoding(true)
        .withDictionaryEncoding(ConsentParquet.LOT_COLUMN, false);
    for (String column : ConsentParquet.UNIQUE_COLUMNS) {
      builder = builder.withDictionaryEncoding(column, false);
    }
    return builder
        .withBloomFilterEnabled(ConsentParquet.LOT_COLUMN, true)
        .withBloomFilterNDV(ConsentParquet.LOT_COLUMN, bloom.lots())
        .withBloomFilterFPP(ConsentParquet.LOT_COLUMN, settings.bloomFilterFpp())
        .withBloomFilterEnabled(ConsentParquet.CHILD_KEY_COLUMN, true)
        .withBloomFilterNDV(ConsentParquet.CHILD_KEY_COLUMN, bloom.childKeys())
        .withBloomFilterFPP(ConsentParquet.CHILD_KEY_COLUMN, settings.bloomFilterFpp())
        .withPageWriteChecksumEnabled(true)
        .withSizeStatisticsEnabled(false)
        .build();
  }
}
