package org.qianhe.model.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Checks a JSON tree against an Avro schema and lists every problem with its field path, so the
 * schema stays the one definition of what a well-formed document is. Messages name the field and
 * the expectation, never the value: a bad value can be a person's name or ID number.
 */
final class SchemaTreeCheck {

  private final List<FieldProblem> problems = new ArrayList<>();

  private SchemaTreeCheck() {}

  static List<FieldProblem> check(JsonNode tree, Schema schema) {
    SchemaTreeCheck check = new SchemaTreeCheck();
    check.value("", tree, schema);
    return check.problems;
  }

  private void value(String path, JsonNode node, Schema schema) {
    switch (schema.getType()) {
      case RECORD -> record(path, node, schema);
      case UNION -> union(path, node, schema);
      case ARRAY -> array(path, node, schema);
      case ENUM -> {
        if (!node.isTextual() || !schema.getEnumSymbols().contains(node.asText())) {
          problem(path, "must be one of " + schema.getEnumSymbols());
        }
      }
      case STRING -> {
        if (!node.isTextual()) {
          problem(path, "must be a string");
        }
      }
      case BOOLEAN -> {
        if (!node.isBoolean()) {
          problem(path, "must be true or false");
        }
      }
      case INT -> intValue(path, node, schema.getLogicalType());
      case LONG -> longValue(path, node, schema.getLogicalType());
      case DOUBLE, FLOAT -> {
        if (!node.isNumber()) {
          problem(path, "must be a number");
        }
      }
      case BYTES -> bytes(path, node);
      case NULL -> {
        if (!node.isNull()) {
          problem(path, "must be null");
        }
      }
      default -> problem(path, "has an unsupported schema type " + schema.getType());
    }
  }

  private void record(String path, JsonNode node, Schema schema) {
    if (!node.isObject()) {
      problem(path, "must be an object");
      return;
    }
    for (Schema.Field field : schema.getFields()) {
      JsonNode child = node.get(field.name());
      String childPath = join(path, field.name());
      if (child == null || child.isNull()) {
        if (!field.hasDefaultValue() && !isNullable(field.schema())) {
          problem(childPath, "is required");
        }
        continue;
      }
      value(childPath, child, field.schema());
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (schema.getField(name) == null) {
        problem(join(path, name), "is not a known field");
      }
    }
  }

  private void union(String path, JsonNode node, Schema schema) {
    if (node.isNull()) {
      if (!isNullable(schema)) {
        problem(path, "is required");
      }
      return;
    }
    // Our unions are all [null, T]: check against T.
    for (Schema branch : schema.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        value(path, node, branch);
        return;
      }
    }
  }

  private void array(String path, JsonNode node, Schema schema) {
    if (!node.isArray()) {
      problem(path, "must be an array");
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      value(path + "[" + i + "]", node.get(i), schema.getElementType());
    }
  }

  private void intValue(String path, JsonNode node, LogicalType logical) {
    if (logical instanceof LogicalTypes.Date) {
      try {
        LocalDate.parse(textOrEmpty(node));
      } catch (DateTimeParseException e) {
        problem(path, "must be a date like 2026-01-31");
      }
    } else if (!node.isInt()) {
      problem(path, "must be an integer");
    }
  }

  private void longValue(String path, JsonNode node, LogicalType logical) {
    if (logical instanceof LogicalTypes.TimestampMillis) {
      try {
        Instant.parse(textOrEmpty(node));
      } catch (DateTimeParseException e) {
        problem(path, "must be an ISO-8601 instant like 2026-01-31T08:30:00Z");
      }
    } else if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      problem(path, "must be an integer");
    }
  }

  private void bytes(String path, JsonNode node) {
    try {
      Base64.getDecoder().decode(textOrEmpty(node));
    } catch (IllegalArgumentException e) {
      problem(path, "must be a base64 string");
    }
  }

  private static String textOrEmpty(JsonNode node) {
    return node.isTextual() ? node.asText() : "\u0000";
  }

  private static boolean isNullable(Schema schema) {
    return schema.getType() == Schema.Type.NULL
        || schema.getType() == Schema.Type.UNION
            && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private void problem(String path, String what) {
    problems.add(FieldProblem.of(path.isEmpty() ? "$" : path, what));
  }
}
