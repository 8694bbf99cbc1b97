package org.qianhe.batch.archive;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Writes records given as their Avro binary encoding (RecordBinary) straight to Parquet's column
 * writers, walking the encoding once: the same events, hence the same file, as parquet-avro's
 * {@link AvroWriteSupport} writing the decoded record, without decoding it into a GenericRecord and
 * walking that. Strings and bytes go to Parquet as slices of the encoding, never copied.
 *
 * <p>The Parquet schema and the footer metadata are parquet-avro's own (its {@code init}), so every
 * reader sees an ordinary parquet-avro file. The encodings must stay unchanged until the writer is
 * closed: dictionaries and statistics keep references into them.
 */
public final class EncodedRecordWriteSupport extends WriteSupport<byte[]> {

  private final AvroWriteSupport<?> avro;
  private final RecordNode root;
  private RecordConsumer consumer;

  public EncodedRecordWriteSupport(Schema schema) {
    MessageType parquetSchema = new AvroSchemaConverter().convert(schema);
    this.avro = new AvroWriteSupport<>(parquetSchema, schema, GenericData.get());
    this.root = new RecordNode(parquetSchema, schema);
  }

  @Override
  public String getName() {
    return avro.getName();
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return avro.init(configuration);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return avro.init(configuration);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(byte[] encoded) {
    Input in = new Input(encoded);
    consumer.startMessage();
    root.writeFields(in, consumer);
    consumer.endMessage();
    if (in.pos != encoded.length) {
      throw new IllegalArgumentException("record encoding has " + (encoded.length - in.pos) + " bytes past its end");
    }
  }

  /** A cursor over an Avro binary encoding. */
  private static final class Input {
    final byte[] buf;
    int pos;

    Input(byte[] buf) {
      this.buf = buf;
    }

    long readLong() {
      long raw = 0;
      int shift = 0;
      byte b;
      do {
        b = buf[pos++];
        raw |= (long) (b & 0x7f) << shift;
        shift += 7;
      } while (b < 0);
      return (raw >>> 1) ^ -(raw & 1);
    }

    int readInt() {
      return (int) readLong();
    }

    Binary readBinary() {
      int length = readInt();
      Binary value = Binary.fromConstantByteArray(buf, pos, length);
      pos += length;
      return value;
    }

    long readFixedLong(int bytes) {
      long value = 0;
      for (int i = 0; i < bytes; i++) {
        value |= (buf[pos++] & 0xffL) << (8 * i);
      }
      return value;
    }
  }

  /** Writes one value of an Avro type to the consumer (inside its field). */
  private abstract static class Node {
    abstract void write(Input in, RecordConsumer consumer);

    static Node of(Type type, Schema schema) {
      return switch (schema.getType()) {
        case RECORD -> new GroupNode(new RecordNode(type.asGroupType(), schema));
        case ARRAY -> new ArrayNode(type.asGroupType(), schema);
        case STRING, BYTES -> new Node() {
          @Override
          void write(Input in, RecordConsumer consumer) {
            consumer.addBinary(in.readBinary());
          }
        };
        case ENUM -> new EnumNode(schema.getEnumSymbols());
        case INT -> new Node() {
          @Override
          void write(Input in, RecordConsumer consumer) {
            consumer.addInteger(in.readInt());
          }
        };
        case LONG -> new Node() {
          @Override
          void write(Input in, RecordConsumer consumer) {
            consumer.addLong(in.readLong());
          }
        };
        case BOOLEAN -> new Node() {
          @Override
          void write(Input in, RecordConsumer consumer) {
            consumer.addBoolean(in.buf[in.pos++] != 0);
          }
        };
        case DOUBLE -> new Node() {
          @Override
          void write(Input in, RecordConsumer consumer) {
            consumer.addDouble(Double.longBitsToDouble(in.readFixedLong(8)));
          }
        };
        case FLOAT -> new Node() {
          @Override
          void write(Input in, RecordConsumer consumer) {
            consumer.addFloat(Float.intBitsToFloat((int) in.readFixedLong(4)));
          }
        };
        default -> throw new IllegalArgumentException("unsupported Avro type " + schema.getType() + " (" + schema.getName() + ")");
      };
    }
  }

  /** The fields of a record, each in its Parquet field; a null union branch is a field left out. */
  private static final class RecordNode {
    private final String[] names;
    private final Node[] values;
    /** Per field: -1 if not a union, else the branch index of null (the other branch is the value). */
    private final int[] nullBranch;

    RecordNode(GroupType group, Schema schema) {
      List<Schema.Field> fields = schema.getFields();
      if (group.getFieldCount() != fields.size()) {
        throw new IllegalArgumentException("Parquet group " + group.getName() + " does not match record " + schema.getName());
      }
      names = new String[fields.size()];
      values = new Node[fields.size()];
      nullBranch = new int[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        Schema.Field field = fields.get(i);
        Type type = group.getType(i);
        NullableField resolved = NullableField.of(field, type);
        names[i] = field.name();
        nullBranch[i] = resolved.nullBranch();
        values[i] = Node.of(type, resolved.value());
      }
    }

    void writeFields(Input in, RecordConsumer consumer) {
      for (int i = 0; i < names.length; i++) {
        if (nullBranch[i] >= 0 && in.readInt() == nullBranch[i]) {
          continue;
        }
        consumer.startField(names[i], i);
        values[i].write(in, consumer);
        consumer.endField(names[i], i);
      }
    }
  }

  private static final class GroupNode extends Node {
    private final RecordNode record;

    GroupNode(RecordNode record) {
      this.record = record;
    }

    @Override
    void write(Input in, RecordConsumer consumer) {
      consumer.startGroup();
      record.writeFields(in, consumer);
      consumer.endGroup();
    }
  }

  /** parquet-avro's (default) two-level list: a group holding the repeated field {@code array}. */
  private static final class ArrayNode extends Node {
    private static final String REPEATED = "array";
    private final Node element;

    ArrayNode(GroupType list, Schema schema) {
      if (list.getFieldCount() != 1 || !list.getType(0).getName().equals(REPEATED) || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
        throw new IllegalArgumentException("only parquet-avro's two-level lists are supported: " + list);
      }
      this.element = Node.of(list.getType(0), schema.getElementType());
    }

    @Override
    void write(Input in, RecordConsumer consumer) {
      consumer.startGroup();
      long count = in.readLong();
      if (count != 0) {
        consumer.startField(REPEATED, 0);
        while (count != 0) {
          if (count < 0) {
            count = -count;
            in.readLong(); // block size in bytes
          }
          for (long i = 0; i < count; i++) {
            element.write(in, consumer);
          }
          count = in.readLong();
        }
        consumer.endField(REPEATED, 0);
      }
      consumer.endGroup();
    }
  }

  /** Enum symbols as parquet-avro writes them: the symbol's UTF-8 bytes. */
  private static final class EnumNode extends Node {
    private final Binary[] symbols;

    EnumNode(List<String> names) {
      symbols = names.stream().map(name -> Binary.fromConstantByteArray(name.getBytes(StandardCharsets.UTF_8)))
          .toArray(Binary[]::new);
    }

    @Override
    void write(Input in, RecordConsumer consumer) {
      consumer.addBinary(symbols[in.readInt()]);
    }
  }
}
