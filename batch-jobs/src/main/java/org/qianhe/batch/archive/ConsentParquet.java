package org.qianhe.batch.archive;

import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** Opens consent Parquet files for reading and the archive's Parquet writer with its settings. */
public final class ConsentParquet {

  /** Lookup columns with bloom filters: recall by lot, every dose of one child. */
  public static final String LOT_COLUMN = "vaccination.lotNumber";
  public static final String CHILD_KEY_COLUMN = "child.key";

  private final Configuration readConf;
  private final Configuration asWrittenConf;
  private final Configuration writeConf;

  public ConsentParquet(Configuration base, int zstdLevel) {
    this.readConf = new Configuration(base);
    // Resolve every file to the current contract schema, whatever version wrote it.
    AvroReadSupport.setAvroReadSchema(readConf, RecordBinary.SCHEMA);
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
   * manifest's record digests were computed under.
   */
  public ParquetReader<GenericRecord> readerAsWritten(Path file) throws IOException {
    return AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(file, asWrittenConf))
        .withDataModel(GenericData.get())
        .withConf(asWrittenConf)
        .build();
  }

  /** Bloom filter sizes: the exact distinct counts of the file's partition. */
  public record BloomSizes(long lots, long childKeys) {}

  public ParquetWriter<GenericRecord> archiveWriter(Path file, ParquetSettings settings, BloomSizes bloom)
      throws IOException {
    return AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(file, writeConf))
        .withSchema(RecordBinary.SCHEMA)
        .withDataModel(GenericData.get())
        .withConf(writeConf)
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withRowGroupSize(settings.rowGroupBytes())
        .withPageSize(settings.pageBytes())
        .withDictionaryEncoding(true)
        // Bloom filters are silently skipped for a fully dictionary-encoded column (DESIGN.md 12).
        .withDictionaryEncoding(LOT_COLUMN, false)
        .withDictionaryEncoding(CHILD_KEY_COLUMN, false)
        .withBloomFilterEnabled(LOT_COLUMN, true)
        .withBloomFilterNDV(LOT_COLUMN, Math.max(1, bloom.lots()))
        .withBloomFilterFPP(LOT_COLUMN, settings.bloomFilterFpp())
        .withBloomFilterEnabled(CHILD_KEY_COLUMN, true)
        .withBloomFilterNDV(CHILD_KEY_COLUMN, Math.max(1, bloom.childKeys()))
        .withBloomFilterFPP(CHILD_KEY_COLUMN, settings.bloomFilterFpp())
        .withPageWriteChecksumEnabled(true)
        .build();
  }

  /** The writer settings that are configuration (qianhe.batch.compact.*). */
  public record ParquetSettings(long rowGroupBytes, int pageBytes, double bloomFilterFpp) {}
}
