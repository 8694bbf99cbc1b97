package org.qianhe.batch.archive;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** Opens consent Parquet files for reading and the archive's Parquet writer with its settings. */
public final class ConsentParquet {

  /** Lookup columns with bloom filters: recall by lot, every dose of one child. */
  public static final String LOT_COLUMN = "vaccination.lotNumber";
  public static final String CHILD_KEY_COLUMN = "child.key";

  /**
   * Columns whose values (nearly) never repeat within a partition: ids, keys, digests, signatures,
   * ciphertext, timestamps to the millisecond. A dictionary cannot shrink them; building one until
   * parquet-java gives up on it (at the dictionary page limit, in every row group) cost about a
   * sixth of the writer's time. Plain encoding from the start, ZSTD still compresses them.
   */
  static final List<String> UNIQUE_COLUMNS = List.of("consentId", "occurredAt", "receivedAt", CHILD_KEY_COLUMN,
      "guardian.key", "guardian.phoneMasked", "identitySealed.ciphertext", "evidence.array.evidenceId",
      "evidence.array.digest", "signature.value", "signature.signedAt", "receipt.contentDigest", "receipt.receivedAt",
      "receipt.signature");

  /** Where parquet-avro keeps the writer's Avro schema in the footer. */
  private static final String AVRO_SCHEMA = EncodedRecordReadSupport.AVRO_SCHEMA;

  private final Configuration readConf;
  private final Configuration asWrittenConf;
  private final Configuration writeConf;

  public ConsentParquet(Configuration base, int zstdLevel) {
    this.readConf = new Configuration(base);
    // Resolve every file to the current contract schema, whatever version wrote it.
    AvroReadSupport.setAvroReadSchema(readConf, RecordBinary.READ_SCHEMA);
    // The archive's writer stores page CRCs; check them, so damage fails loudly at the page.
    readConf.setBoolean("parquet.page.verify-checksum.enabled", true);
    this.asWrittenConf = new Configuration(base);
    asWrittenConf.setBoolean("parquet.page.verify-checksum.enabled", true);
    this.writeConf = new Configuration(base);
    writeConf.setInt("parquet.compression.codec.zstd.level", zstdLevel);
  }

  /**
   * Generic records, not the generated class: with {@code GenericData} no logical-type
   * conversion runs (timestamps stay longs), which is what the binary encoding needs, and
   * parquet-avro would otherwise pick the specific class by the schema's name.
   */
  public ParquetReader<GenericRecord> reader(Path file) throws IOException {
    return AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(file, readConf))
        .withDataModel(GenericData.get())
        .withConf(readConf)
        .build();
  }

  /**
   * Records exactly as written: in the Avro schema stored in the file's footer, which is what the
   * manifest's record digests were computed under (strings as Utf8, {@link RecordBinary#utf8}).
   */
  public ParquetReader<GenericRecord> readerAsWritten(Path file) throws IOException {
    return new ParquetReader.Builder<GenericRecord>(HadoopInputFile.fromPath(file, asWrittenConf)) {
      @Override
      protected ReadSupport<GenericRecord> getReadSupport() {
        return new AsWrittenUtf8();
      }
    }.withConf(asWrittenConf).build();
  }

  /**
   * Records as their Avro binary encoding under the file's own schema, with the {@code taps}
   * fields picked out ({@link EncodedRecordReadSupport}); page CRCs checked.
   */
  public ParquetReader<EncodedRecord> encodedReader(Path file, List<String> taps) throws IOException {
    return new ParquetReader.Builder<EncodedRecord>(HadoopInputFile.fromPath(file, asWrittenConf)) {
      @Override
      protected ReadSupport<EncodedRecord> getReadSupport() {
        return new EncodedRecordReadSupport(taps);
      }
    }.withConf(asWrittenConf).build();
  }

  /** The file's own Avro schema, with strings as Utf8. */
  private static final class AsWrittenUtf8 extends AvroReadSupport<GenericRecord> {

    AsWrittenUtf8() {
      super(GenericData.get());
    }

    @Override
    public RecordMaterializer<GenericRecord> prepareForRead(Configuration conf, Map<String, String> keyValueMetaData,
        MessageType fileSchema, ReadContext readContext) {
      return super.prepareForRead(conf, utf8(keyValueMetaData), fileSchema, readContext);
    }

    @Override
    public RecordMaterializer<GenericRecord> prepareForRead(ParquetConfiguration conf, Map<String, String> keyValueMetaData,
        MessageType fileSchema, ReadContext readContext) {
      return super.prepareForRead(conf, utf8(keyValueMetaData), fileSchema, readContext);
    }

    private static Map<String, String> utf8(Map<String, String> keyValueMetaData) {
      String written = keyValueMetaData.get(AVRO_SCHEMA);
      if (written == null) {
        return keyValueMetaData;
      }
      Map<String, String> metadata = new HashMap<>(keyValueMetaData);
      metadata.put(AVRO_SCHEMA, RecordBinary.utf8(new Schema.Parser().parse(written)).toString());
      return metadata;
    }
  }

  /** Bloom filter sizes: the distinct values of the file's partition (exact, or an upper bound). */
  public record BloomSizes(long lots, long childKeys) {}

  /**
   * The archive's writer. It takes records as their Avro binary encoding ({@link RecordBinary}) and
   * writes the file parquet-avro would write for the decoded records ({@link EncodedRecordWriteSupport}).
   */
  public ParquetWriter<byte[]> archiveWriter(Path file, ParquetSettings settings, BloomSizes bloom)
      throws IOException {
    EncodedWriterBuilder builder = new EncodedWriterBuilder(HadoopOutputFile.fromPath(file, writeConf))
        .withConf(writeConf)
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withRowGroupSize(settings.rowGroupBytes())
        .withPageSize(settings.pageBytes())
        .withDictionaryEncoding(true)
        // Bloom filters are silently skipped for a fully dictionary-encoded column (DESIGN.md 12).
        .withDictionaryEncoding(LOT_COLUMN, false);
    for (String column : UNIQUE_COLUMNS) {
      builder = builder.withDictionaryEncoding(column, false);
    }
    return builder
        .withBloomFilterEnabled(LOT_COLUMN, true)
        .withBloomFilterNDV(LOT_COLUMN, Math.max(1, bloom.lots()))
        .withBloomFilterFPP(LOT_COLUMN, settings.bloomFilterFpp())
        .withBloomFilterEnabled(CHILD_KEY_COLUMN, true)
        .withBloomFilterNDV(CHILD_KEY_COLUMN, Math.max(1, bloom.childKeys()))
        .withBloomFilterFPP(CHILD_KEY_COLUMN, settings.bloomFilterFpp())
        .withPageWriteChecksumEnabled(true)
        // Unencoded sizes and level histograms (parquet 1.15) only serve query planners that size
        // scans by them; building them cost a twentieth of the writer's time.
        .withSizeStatisticsEnabled(false)
        .build();
  }

  private static final class EncodedWriterBuilder extends ParquetWriter.Builder<byte[], EncodedWriterBuilder> {

    EncodedWriterBuilder(OutputFile file) {
      super(file);
    }

    @Override
    protected EncodedWriterBuilder self() {
      return this;
    }

    @Override
    protected WriteSupport<byte[]> getWriteSupport(Configuration conf) {
      return new EncodedRecordWriteSupport(RecordBinary.SCHEMA);
    }

    @Override
    protected WriteSupport<byte[]> getWriteSupport(ParquetConfiguration conf) {
      return new EncodedRecordWriteSupport(RecordBinary.SCHEMA);
    }
  }

  /** The writer settings that are configuration (qianhe.batch.compact.*). */
  public record ParquetSettings(long rowGroupBytes, int pageBytes, double bloomFilterFpp) {}
}
