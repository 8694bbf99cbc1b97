package org.qianhe.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Receipt;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.ReceiptSignatures;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.simulator.ConsentGenerator;
import org.qianhe.terminal.simulator.SimulatedCapture;
import org.qianhe.terminal.simulator.SimulatorKeys;

/**
 * Makes staged files the way the stream job will: parquet-avro files of ConsentRecord under
 * {@code staging/region=R/date=D/}, from generated consents with test keys.
 */
public final class StagingFixture {

  /** The identity-sealing key id of the test protector, as ingest's key file holds it (key: {@link #sealingKey()}). */
  public static final String SEALING_KEY_ID = "test-1";

  private static final PeopleProtector PROTECTOR =
      new PeopleProtector(new BlindIndex(sealingKey()), new IdentitySealer(SEALING_KEY_ID, sealingKey()));

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

  /** The key ingest signs receipts with in these tests (GM, derived like a simulated terminal's). */
  public static final SigningKey RECEIPT_KEY = SimulatorKeys.of(CryptoSuites.GM, "ingest-receipt-test");

  /** The blind-index and identity-sealing key of the tests. */
  public static byte[] sealingKey() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    return key;
  }

  /**
   * A consent as ingest archives it: the terminal's upload with captured evidence, signed by the
   * terminal's (simulator) key, and the receipt ingest signed; the signed upload (identities in
   * clear) and the evidence bytes by evidenceId.
   */
  public record Accepted(ConsentRecord record, ConsentUpload upload, Map<String, byte[]> evidence) {

    /** The evidence as the store holds it. */
    public List<EvidenceItem> items() {
      return record.getEvidence().stream().map(ref -> new EvidenceItem(ref, evidence.get(ref.getEvidenceId()))).toList();
    }
  }

  /** Consents of one region and day as ingest accepted them from signing terminals (suite GM). */
  public List<Accepted> accepted(String region, LocalDate date, int count) {
    Instant dayStart = date.atStartOfDay(java.time.ZoneId.of("Asia/Shanghai")).toInstant();
    List<Accepted> accepted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant occurredAt = dayStart.plus(Duration.ofSeconds(8 * 3600 + random.nextInt(10 * 3600)));
      String site = ConsentGenerator.siteCode(region, 1 + random.nextInt(3));
      Submission captured = SimulatedCapture.of(generator.at(region, site, occurredAt), CryptoSuites.GM);
      ConsentUpload upload = captured.upload();
      ConsentUpload signed = UploadSignatures.sign(upload, CryptoSuites.GM, SimulatorKeys.of(upload.getTerminalId()),
          occurredAt.plusSeconds(2));
      Instant receivedAt = occurredAt.plusSeconds(5);
      String digest = UploadSignatures.contentDigest(CryptoSuites.GM, signed);
      ConsentRecord record = ConsentRecords.fromUpload(signed, receivedAt, PROTECTOR);
      record.setReceipt(Receipt.newBuilder().setContentDigest(digest).setReceivedAt(receivedAt)
          .setSignature(Base64.getEncoder().encodeToString(CryptoSuites.GM.sign(RECEIPT_KEY,
              ReceiptSignatures.signingInput(upload.getConsentId(), digest, receivedAt))))
          .setKeyId(RECEIPT_KEY.keyId()).setAlgorithm(CryptoSuites.GM.signatureAlgorithm()).build());
      accepted.add(new Accepted(record, signed, captured.evidence()));
    }
    return accepted;
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
