package org.qianhe.batch.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.qianhe.model.ConsentRecord;

/**
 * A record's Avro binary encoding under the ConsentRecord schema, and its digest. The record
 * digest of the archive is SHA-256 of exactly these bytes, under the schema version the file was
 * written with (recorded in the file and, as a fingerprint, in the manifest), so digests stay
 * valid when the contract evolves. Avro binary is a canonical form for a given schema (our schema
 * has no maps, whose order would vary), and is ~10x cheaper to produce than canonical JSON.
 * Not thread-safe: one per thread.
 */
public final class RecordBinary {

  public static final Schema SCHEMA = ConsentRecord.getClassSchema();

  private final Schema schema;
  private final GenericDatumWriter<GenericRecord> writer;
  private final GenericDatumReader<GenericRecord> reader;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
  private final MessageDigest sha256 = Digests.sha256();
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;

  /** Under the current ConsentRecord schema. */
  public RecordBinary() {
    this(SCHEMA);
  }

  /** Under another (older) version of the schema, e.g. the one an archived file was written with. */
  public RecordBinary(Schema schema) {
    this.schema = schema;
    this.writer = new GenericDatumWriter<>(schema, GenericData.get());
    this.reader = new GenericDatumReader<>(schema, schema, GenericData.get());
  }

  public Schema schema() {
    return schema;
  }

  /**
   * A record written under {@code writerSchema} as a record of the current schema (Avro schema
   * resolution: added fields take their defaults), for rewriting old records into a new file.
   */
  public static GenericRecord toCurrent(byte[] encoded, Schema writerSchema) {
    try {
      return new GenericDatumReader<GenericRecord>(writerSchema, SCHEMA, GenericData.get())
          .read(null, DecoderFactory.get().binaryDecoder(encoded, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] encode(GenericRecord record) {
    buffer.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  public GenericRecord decode(byte[] bytes, GenericRecord reuse) {
    decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
    try {
      return reader.read(reuse, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] digest(byte[] encoded) {
    return sha256.digest(encoded);
  }
}
