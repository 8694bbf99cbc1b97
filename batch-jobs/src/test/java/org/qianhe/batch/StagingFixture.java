package org.qianhe.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.terminal.simulator.ConsentGenerator;

/**
 * Makes staged files the way the stream job will: parquet-avro files of ConsentRecord under
 * {@code staging/region=R/date=D/}, from generated consents with test keys.
 */
public final class StagingFixture {

  private static final PeopleProtector PROTECTOR;

  static {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    PROTECTOR = new PeopleProtector(new BlindIndex(key), new IdentitySealer("test-1", key));
  }

  private final ConsentGenerator generator;
  private final Random random;

  public StagingFixture(long seed) {
    this.generator = new ConsentGenerator(seed, Instant.parse("2026-11-21T00:00:00Z"));
    this.random = new Random(seed);
  }

  /** Consents of one region and day, at three sites, spread over the clinic day. */
  public List<ConsentRecord> records(String region, LocalDate date, int count) {
    Instant dayStart = date.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    List<ConsentRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant occurredAt = dayStart.plus(Duration.ofSeconds(8 * 3600 + random.nextInt(10 * 3600)));
      String site = ConsentGenerator.siteCode(region, 1 + random.nextInt(3));
      records.add(ConsentRecords.fromUpload(generator.at(region, site, occurredAt), occurredAt.plusSeconds(5), PROTECTOR));
    }
    return records;
  }

  /** The compactor with test settings and no progress output. */
  public static org.qianhe.batch.compact.PartitionCompactor compactor(ArchiveStorage storage, long targetFileBytes) {
    return new org.qianhe.batch.compact.PartitionCompactor(storage, new org.qianhe.batch.compact.CompactSettings(
        targetFileBytes, new org.qianhe.batch.archive.ConsentParquet.ParquetSettings(8 * 1024 * 1024, 64 * 1024, 0.01),
        3, 256L << 20, Duration.ZERO), line -> { });
  }

  /** Writes a committed staged file and returns its path. */
  public static Path stage(ArchiveStorage storage, String region, LocalDate date, String fileName,
      List<ConsentRecord> records) {
    Path file = new Path(StorageLayout.stagingPartition(storage.root(), region, date), fileName);
    write(storage, file, records);
    return file;
  }

  public static void write(ArchiveStorage storage, Path file, List<ConsentRecord> records) {
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(file, storage.conf()))
        .withSchema(ConsentRecord.getClassSchema())
        .withDataModel(GenericData.get())
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build()) {
      for (ConsentRecord record : records) {
        writer.write(generic(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated class through its binary form, so logical types become plain longs and ints. */
  public static GenericRecord generic(ConsentRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new SpecificDatumWriter<>(ConsentRecord.class).write(record, encoder);
      encoder.flush();
      return new GenericDatumReader<GenericRecord>(ConsentRecord.getClassSchema(), ConsentRecord.getClassSchema(),
          GenericData.get()).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
