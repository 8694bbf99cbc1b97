package org.qianhe.stream.staging;

import java.io.IOException;
import org.apache.avro.specific.SpecificData;
import org.apache.flink.formats.parquet.ParquetBuilder;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.qianhe.model.ConsentRecord;

/**
 * Parquet writers of {@link ConsentRecord} with parquet-avro and the record's own schema
 * ({@code ConsentRecord.getClassSchema()}), the contract with the nightly compaction.
 *
 * <p>Not flink-parquet's {@code AvroParquetWriters.forSpecificRecord}: it writes with
 * {@code SpecificData.get()}, which has no conversions for the schema's logical types, so the
 * {@code Instant} and {@code LocalDate} fields would fail. The generated class's own model has them.
 */
final class ConsentParquetBuilder implements ParquetBuilder<ConsentRecord> {

  private final CompressionCodecName compression;

  ConsentParquetBuilder(CompressionCodecName compression) {
    this.compression = compression;
  }

  @Override
  public ParquetWriter<ConsentRecord> createWriter(OutputFile out) throws IOException {
    return AvroParquetWriter.<ConsentRecord>builder(out)
        .withSchema(ConsentRecord.getClassSchema())
        .withDataModel(SpecificData.getForClass(ConsentRecord.class))
        .withCompressionCodec(compression)
        .build();
  }
}
