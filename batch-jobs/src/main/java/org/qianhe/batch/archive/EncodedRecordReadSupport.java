package org.qianhe.batch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads a parquet-avro file's records as their Avro binary encoding under the Avro schema stored in
 * the file, assembled straight from the column values: the bytes {@link RecordBinary#encode} gives
 * for the record parquet-avro would read, without materialising a GenericRecord and walking it to
 * encode it. Strings and bytes are copied from the page as they are, never decoded.
 *
 * <p>Parquet hands a record's values over in schema order (the Avro field order), leaving out the
 * null ones: a field skipped before the next one arrives, or before its record ends, is written
 * as the null branch of its union. An array's item count is inserted before its items once known.
 */
public final class EncodedRecordReadSupport extends ReadSupport<EncodedRecord> {

  /** Where parquet-avro keeps the writer's Avro schema in the footer. */
  static final String AVRO_SCHEMA = "parquet.avro.schema";

  private final List<String> taps;

  /** @param taps dotted field paths (e.g. {@code vaccination.lotNumber}) of string, enum or long leaves to pick out */
  public EncodedRecordReadSupport(List<String> taps) {
    this.taps = List.copyOf(taps);
  }

  @Override
  public ReadContext init(InitContext context) {
    return new ReadContext(context.getFileSchema());
  }

  @Override
  public RecordMaterializer<EncodedRecord> prepareForRead(Configuration conf, Map<String, String> keyValueMetaData,
      MessageType fileSchema, ReadContext readContext) {
    String written = keyValueMetaData.get(AVRO_SCHEMA);
    Schema schema = written != null ? new Schema.Parser().parse(written) : new AvroSchemaConverter(conf).convert(fileSchema);
    return new Materializer(readContext.getRequestedSchema(), RecordBinary.utf8(schema), taps);
  }

  @Override
  public RecordMaterializer<EncodedRecord> prepareForRead(ParquetConfiguration conf, Map<String, String> keyValueMetaData,
      MessageType fileSchema, ReadContext readContext) {
    String written = keyValueMetaData.get(AVRO_SCHEMA);
    Schema schema = written != null ? new Schema.Parser().parse(written) : new AvroSchemaConverter(conf).convert(fileSchema);
    return new Materializer(readContext.getRequestedSchema(), RecordBinary.utf8(schema), taps);
  }

  private static final class Materializer extends RecordMaterializer<EncodedRecord> {
    private final EncodedRecord record;
    private final RecordConverter root;

    Materializer(MessageType parquetSchema, Schema schema, List<String> taps) {
      this.record = new EncodedRecord(schema, taps);
      this.root = new RecordConverter(parquetSchema, schema, record, "", null, 0);
    }

    @Override
    public EncodedRecord getCurrentRecord() {
      return record;
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }

  /** Where a child's value goes: told before each value, so it can write what comes first. */
  private interface Parent {
    void before(int field);
  }

  private static Converter converter(Type type, Schema schema, EncodedRecord record, String path, Parent parent, int index) {
    int tap = record.taps().indexOf(path);
    return switch (schema.getType()) {
      case RECORD -> new RecordConverter(type.asGroupType(), schema, record, path + ".", parent, index);
      case ARRAY -> new ArrayConverter(type.asGroupType(), schema, record, path, parent, index);
      case STRING, BYTES -> new BinaryConverter(record, tap, parent, index);
      case ENUM -> new EnumConverter(schema.getEnumSymbols(), record, tap, parent, index);
      case INT -> new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          parent.before(index);
          record.out.writeLong(value);
        }
      };
      case LONG -> new PrimitiveConverter() {
        @Override
        public void addLong(long value) {
          parent.before(index);
          record.out.writeLong(value);
          if (tap >= 0) {
            record.values[tap] = value;
          }
        }
      };
      case BOOLEAN -> new PrimitiveConverter() {
        @Override
        public void addBoolean(boolean value) {
          parent.before(index);
          record.out.write(value ? 1 : 0);
        }
      };
      case DOUBLE -> new PrimitiveConverter() {
        @Override
        public void addDouble(double value) {
          parent.before(index);
          record.out.writeFixed(Double.doubleToRawLongBits(value), 8);
        }
      };
      case FLOAT -> new PrimitiveConverter() {
        @Override
        public void addFloat(float value) {
          parent.before(index);
          record.out.writeFixed(Float.floatToRawIntBits(value), 4);
        }
      };
      default -> throw new IllegalArgumentException("unsupported Avro type " + schema.getType() + " at " + path);
    };
  }

  /** A record's fields in order; a union field left out is written as its null branch. */
  private static final class RecordConverter extends GroupConverter implements Parent {
    private final EncodedRecord record;
    private final Parent parent;
    private final int index;
    private final Converter[] fields;
    /** Per field: -1 if not a union, else the branch index of null. */
    private final int[] nullBranch;
    private int next;

    RecordConverter(GroupType group, Schema schema, EncodedRecord record, String prefix, Parent parent, int index) {
      this.record = record;
      this.parent = parent;
      this.index = index;
      List<Schema.Field> avroFields = schema.getFields();
      if (group.getFieldCount() != avroFields.size()) {
        throw new IllegalArgumentException("Parquet group " + group.getName() + " does not match record " + schema.getName());
      }
      fields = new Converter[avroFields.size()];
      nullBranch = new int[avroFields.size()];
      for (int i = 0; i < fields.length; i++) {
        Schema.Field field = avroFields.get(i);
        Type type = group.getType(i);
        NullableField resolved = NullableField.of(field, type);
        nullBranch[i] = resolved.nullBranch();
        fields[i] = converter(type, resolved.value(), record, prefix + field.name(), this, i);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return fields[fieldIndex];
    }

    @Override
    public void start() {
      if (parent == null) {
        record.reset();
      } else {
        parent.before(index);
      }
      next = 0;
    }

    @Override
    public void end() {
      skipTo(fields.length);
    }

    @Override
    public void before(int field) {
      skipTo(field);
      if (nullBranch[field] >= 0) {
        record.out.writeLong(1 - nullBranch[field]);
      }
      next = field + 1;
    }

    private void skipTo(int field) {
      for (; next < field; next++) {
        if (nullBranch[next] < 0) {
          throw new IllegalStateException("required field " + next + " of a record is missing");
        }
        record.out.writeLong(nullBranch[next]);
      }
    }
  }

  /** parquet-avro's two-level list: Avro's block of items, its count written once they are counted. */
  private static final class ArrayConverter extends GroupConverter implements Parent {
    private final EncodedRecord record;
    private final Parent parent;
    private final int index;
    private final Converter element;
    private int start;
    private long count;

    ArrayConverter(GroupType list, Schema schema, EncodedRecord record, String path, Parent parent, int index) {
      if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)
          || !list.getType(0).getName().equals("array")) {
        throw new IllegalArgumentException("only parquet-avro's two-level lists are supported: " + list);
      }
      this.record = record;
      this.parent = parent;
      this.index = index;
      this.element = converter(list.getType(0), schema.getElementType(), record, path + ".array", this, 0);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return element;
    }

    @Override
    public void start() {
      parent.before(index);
      start = record.out.pos;
      count = 0;
    }

    @Override
    public void before(int field) {
      count++;
    }

    @Override
    public void end() {
      if (count > 0) {
        record.out.insertLong(start, count);
      }
      record.out.writeLong(0);
    }
  }

  /**
   * A string or bytes value as its length and bytes. Through the page's dictionary, each distinct
   * value's bytes are found once, and a tapped one is decoded into one String for every record.
   */
  private static final class BinaryConverter extends PrimitiveConverter {
    private final EncodedRecord record;
    private final int tap;
    private final Parent parent;
    private final int index;
    private Binary[] dictionary;
    private String[] strings;

    BinaryConverter(EncodedRecord record, int tap, Parent parent, int index) {
      this.record = record;
      this.tap = tap;
      this.parent = parent;
      this.index = index;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary values) {
      dictionary = new Binary[values.getMaxId() + 1];
      for (int id = 0; id < dictionary.length; id++) {
        dictionary[id] = values.decodeToBinary(id);
      }
      strings = tap >= 0 ? new String[dictionary.length] : null;
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      write(dictionary[dictionaryId]);
      if (tap >= 0) {
        String value = strings[dictionaryId];
        if (value == null) {
          value = dictionary[dictionaryId].toStringUsingUTF8();
          strings[dictionaryId] = value;
        }
        record.values[tap] = value;
      }
    }

    @Override
    public void addBinary(Binary value) {
      write(value);
      if (tap >= 0) {
        record.values[tap] = value.toStringUsingUTF8();
      }
    }

    private void write(Binary value) {
      parent.before(index);
      record.out.writeLong(value.length());
      try {
        value.writeTo(record.out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** An enum symbol as its index; through the page's dictionary, each symbol is looked up once. */
  private static final class EnumConverter extends PrimitiveConverter {
    private final Binary[] symbols;
    private final EncodedRecord record;
    private final int tap;
    private final Parent parent;
    private final int index;
    private int[] byDictionaryId;

    EnumConverter(List<String> names, EncodedRecord record, int tap, Parent parent, int index) {
      this.symbols = names.stream().map(name -> Binary.fromConstantByteArray(name.getBytes(StandardCharsets.UTF_8)))
          .toArray(Binary[]::new);
      this.record = record;
      this.tap = tap;
      this.parent = parent;
      this.index = index;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dictionary) {
      byDictionaryId = new int[dictionary.getMaxId() + 1];
      for (int id = 0; id < byDictionaryId.length; id++) {
        byDictionaryId[id] = symbol(dictionary.decodeToBinary(id));
      }
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      write(byDictionaryId[dictionaryId]);
    }

    @Override
    public void addBinary(Binary value) {
      write(symbol(value));
    }

    private void write(int symbol) {
      parent.before(index);
      record.out.writeLong(symbol);
      if (tap >= 0) {
        record.values[tap] = symbols[symbol].toStringUsingUTF8();
      }
    }

    private int symbol(Binary value) {
      for (int i = 0; i < symbols.length; i++) {
        if (symbols[i].equals(value)) {
          return i;
        }
      }
      throw new IllegalArgumentException("not a symbol of the enum: " + value.toStringUsingUTF8());
    }
  }
}
