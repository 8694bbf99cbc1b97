package org.qianhe.batch.archive;

import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;

/**
 * One record read by {@link EncodedRecordReadSupport}: its Avro binary encoding under the schema
 * the file was written with, and the values of a few fields picked out while it was assembled
 * (the taps), so that nothing has to decode the encoding again to sort or check it. Reused from
 * record to record: copy what must outlive the next read.
 */
public final class EncodedRecord {

  private final Schema schema;
  private final List<String> taps;
  final Out out = new Out();
  final Object[] values;

  EncodedRecord(Schema schema, List<String> taps) {
    this.schema = schema;
    this.taps = taps;
    this.values = new Object[taps.size()];
  }

  List<String> taps() {
    return taps;
  }

  /** The Avro schema of the file (strings as Utf8, {@link RecordBinary#utf8}). */
  public Schema schema() {
    return schema;
  }

  public byte[] buffer() {
    return out.buf;
  }

  public int length() {
    return out.pos;
  }

  public byte[] copy() {
    return Arrays.copyOf(out.buf, out.pos);
  }

  /** A tapped string (or enum symbol), null when absent from this record. */
  public String string(int tap) {
    return (String) values[tap];
  }

  /** A tapped long (timestamps are their epoch milliseconds). */
  public long number(int tap) {
    Object value = values[tap];
    if (value == null) {
      throw new IllegalStateException("field " + taps.get(tap) + " is absent");
    }
    return (Long) value;
  }

  /** Whether a tapped field is present (its optional parents and itself not null). */
  public boolean present(int tap) {
    return values[tap] != null;
  }

  void reset() {
    out.pos = 0;
    Arrays.fill(values, null);
  }

  /** The encoding being built: Avro's zig-zag varints, and a count inserted before array items. */
  static final class Out extends java.io.OutputStream {
    byte[] buf = new byte[4096];
    int pos;

    @Override
    public void write(int b) {
      ensure(1);
      buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      ensure(length);
      System.arraycopy(bytes, offset, buf, pos, length);
      pos += length;
    }

    void writeLong(long value) {
      ensure(10);
      pos = putLong(buf, pos, value);
    }

    void writeFixed(long bits, int bytes) {
      ensure(bytes);
      for (int i = 0; i < bytes; i++) {
        buf[pos++] = (byte) (bits >>> (8 * i));
      }
    }

    /** Inserts a varint at {@code at}, moving what follows. */
    void insertLong(int at, long value) {
      byte[] varint = new byte[10];
      int length = putLong(varint, 0, value);
      ensure(length);
      System.arraycopy(buf, at, buf, at + length, pos - at);
      System.arraycopy(varint, 0, buf, at, length);
      pos += length;
    }

    private static int putLong(byte[] target, int at, long value) {
      long n = (value << 1) ^ (value >> 63);
      while ((n & ~0x7FL) != 0) {
        target[at++] = (byte) ((n & 0x7f) | 0x80);
        n >>>= 7;
      }
      target[at++] = (byte) n;
      return at;
    }

    private void ensure(int more) {
      if (pos + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
      }
    }
  }
}
