package org.qianhe.batch.archive;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.parquet.schema.Type;

/**
 * One Avro field against its Parquet column, as the encoded read and write supports walk them:
 * the names must agree, and a union may only be null plus one type, which Avro's binary encoding
 * writes as a branch index before the value.
 *
 * @param nullBranch the union branch that is null (0 or 1), or -1 when the field is not a union
 * @param value the schema of the value when present
 */
record NullableField(int nullBranch, Schema value) {

  static NullableField of(Schema.Field field, Type type) {
    if (!type.getName().equals(field.name())) {
      throw new IllegalArgumentException("Parquet field " + type.getName() + " is not Avro field " + field.name());
    }
    Schema value = field.schema();
    if (value.getType() != Schema.Type.UNION) {
      return new NullableField(-1, value);
    }
    List<Schema> branches = value.getTypes();
    int nulls = branches.get(0).getType() == Schema.Type.NULL ? 0 : 1;
    if (branches.size() != 2 || branches.get(nulls).getType() != Schema.Type.NULL) {
      throw new IllegalArgumentException("only unions of null and one type are supported: " + field.name());
    }
    return new NullableField(nulls, branches.get(1 - nulls));
  }
}
