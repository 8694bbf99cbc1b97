package org.qianhe.batch.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.qianhe.model.ConsentRecord;

/**
 * A record's Avro binary encoding under the ConsentRecord schema, and its digest. The record
 * digest of the archive is SHA-256 of exactly these bytes, under the schema version the file was
 * written with (recorded in the file and, as a fingerprint, in the manifest), so digests stay
 * valid when the contract evolves. Avro binary is a canonical form for a given schema (our schema
 * has no maps, whose order would vary), and is ~10x cheaper to produce than canonical JSON.
 * Not thread-safe: one per thread.
 *
 * <p>Records are handled with strings as {@link org.apache.avro.util.Utf8} ({@link #utf8}): the
 * bytes Parquet holds go to the Avro encoder and back to the Parquet writer without being decoded
 * into Java strings and encoded again. The encoding, hence every digest, is the same.
 */
public final class RecordBinary {

  private static final Map<Schema, Schema> UTF8 = new ConcurrentHashMap<>();

  /** The contract schema, as files are written with it (strings as Java strings for the generated class). */
  public static final Schema SCHEMA = ConsentRecord.getClassSchema();

  /** The contract schema with strings read as Utf8: what the archive's code reads and writes records in. */
  public static final Schema READ_SCHEMA = utf8(SCHEMA);

  private final Schema schema;
  private final GenericDatumWriter<GenericRecord> writer;
  private final GenericDatumReader<GenericRecord> reader;
  private final Buffer buffer = new Buffer();
  private final MessageDigest sha256 = Digests.sha256();
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;
  private Schema lastCurrent;

  /** Under the current ConsentRecord schema. */
  public RecordBinary() {
    this(READ_SCHEMA);
  }

  /** Under another (older) version of the schema, e.g. the one an archived file was written with. */
  public RecordBinary(Schema schema) {
    this.schema = utf8(schema);
    this.writer = new GenericDatumWriter<>(this.schema, GenericData.get());
    this.reader = new Utf8Reader(this.schema);
  }

  public Schema schema() {
    return schema;
  }

  /** Whether records of this schema are of the current contract version (remembered per schema instance: equals is deep). */
  public boolean isCurrent(Schema recordSchema) {
    if (recordSchema == lastCurrent) {
      return true;
    }
    if (utf8(recordSchema).equals(READ_SCHEMA)) {
      lastCurrent = recordSchema;
      return true;
    }
    return false;
  }

  /**
   * The schema without {@code avro.java.string}: Avro and parquet-avro then give strings as Utf8.
   * Schemas carry that property only as a hint for Java; resolution and encodings ignore it.
   */
  public static Schema utf8(Schema schema) {
    return UTF8.computeIfAbsent(schema, original -> {
      String json = original.toString();
      return !json.contains(GenericData.STRING_PROP) ? original : new Schema.Parser().parse(
          json.replace("{\"type\":\"string\",\"" + GenericData.STRING_PROP + "\":\"String\"}", "\"string\""));
    });
  }

  /**
   * A record written under {@code writerSchema} as a record of the current schema (Avro schema
   * resolution: added fields take their defaults), for rewriting old records into a new file.
   */
  public static GenericRecord toCurrent(byte[] encoded, Schema writerSchema) {
    try {
      return new GenericDatumReader<GenericRecord>(utf8(writerSchema), READ_SCHEMA, GenericData.get())
          .read(null, DecoderFactory.get().binaryDecoder(encoded, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record's encoding, a fresh array. */
  public byte[] encode(GenericRecord record) {
    encodeToBuffer(record);
    return buffer.toByteArray();
  }

  /** The digest of the record's encoding, without keeping the encoding. */
  public byte[] digestOf(GenericRecord record) {
    encodeToBuffer(record);
    sha256.update(buffer.bytes(), 0, buffer.size());
    return sha256.digest();
  }

  private void encodeToBuffer(GenericRecord record) {
    buffer.reset();
    encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
    try {
      writer.write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /**
   * Reads strings straight into (reused) Utf8: the schema has no string-type hints, and Avro's
   * generic reader would otherwise look the string class up in a cache, allocating a key, for
   * every string of every record.
   */
  private static final class Utf8Reader extends GenericDatumReader<GenericRecord> {
    Utf8Reader(Schema schema) {
      super(schema, schema, GenericData.get());
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
      return in.readString(old instanceof Utf8 utf8 ? utf8 : null);
    }
  }

  /**
   * A growable byte buffer whose content can be digested in place. Not a ByteArrayOutputStream:
   * its synchronized writes (one per field) cost a tenth of the encoding.
   */
  private static final class Buffer extends OutputStream {
    private byte[] buf = new byte[4096];
    private int count;

    @Override
    public void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      ensure(length);
      System.arraycopy(bytes, offset, buf, count, length);
      count += length;
    }

    private void ensure(int more) {
      if (count + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }

    void reset() {
      count = 0;
    }

    int size() {
      return count;
    }

    byte[] bytes() {
      return buf;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, count);
    }
  }
}
