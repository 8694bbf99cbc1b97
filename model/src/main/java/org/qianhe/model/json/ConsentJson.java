package org.qianhe.model.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * JSON form of the contract types, for the terminal API and for people reading records.
 *
 * <p>Parsing is two-step on purpose: the bytes become a tree first, then the tree is checked
 * against the Avro schema ({@link SchemaTreeCheck}) so that a terminal learns about every bad
 * field in one answer, not the first one Jackson trips over.
 */
public final class ConsentJson {

  /** Avro's generated classes expose their schema through getters; it is not data. */
  @JsonIgnoreProperties({"schema", "specificData"})
  private abstract static class AvroMixin {}

  /** A consent nests four levels deep; refusing far deeper input keeps the parser's work bounded. */
  public static final int MAX_NESTING_DEPTH = 32;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
          .build())
      .addModule(new JavaTimeModule())
      .addMixIn(SpecificRecordBase.class, AvroMixin.class)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private static final ObjectMapper CANONICAL = MAPPER.copy()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ConsentJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads one contract object from JSON bytes, checking the whole tree against the type's schema.
   *
   * @throws MalformedJsonException listing every problem found, each with its field path
   */
  public static <T extends SpecificRecordBase> T read(byte[] json, Class<T> type, Schema schema) {
    requireUtf8(json);
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (StreamConstraintsException e) {
      throw new MalformedJsonException(List.of(FieldProblem.of("$",
          "not valid JSON for a consent: nested deeper than " + MAX_NESTING_DEPTH + " levels")));
    } catch (JsonProcessingException e) {
      // Not every parser error knows where it happened.
      JsonLocation at = e.getLocation();
      throw new MalformedJsonException(List.of(FieldProblem.of("$", at == null ? "not valid JSON"
          : "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new MalformedJsonException(List.of(FieldProblem.of("$", "empty body")));
    }
    List<FieldProblem> problems = SchemaTreeCheck.check(tree, schema);
    if (!problems.isEmpty()) {
      throw new MalformedJsonException(problems);
    }
    try {
      T value = MAPPER.treeToValue(tree, type);
      fillDefaults(value);
      return value;
    } catch (JsonProcessingException e) {
      // The schema check accepted the tree, so this is a gap in the check, not the caller's data.
      throw new IllegalStateException("schema-checked JSON did not bind to " + type.getSimpleName(), e);
    }
  }

  /**
   * Jackson builds the generated classes through their no-argument constructor, which leaves a
   * field the document omitted null even where the schema gives a default ({@code evidence = []}):
   * put the schema's defaults in, at every level.
   */
  private static void fillDefaults(Object value) {
    if (value instanceof SpecificRecordBase record) {
      for (Schema.Field field : record.getSchema().getFields()) {
        Object current = record.get(field.pos());
        if (current == null && field.hasDefaultValue()) {
          record.put(field.pos(), SpecificData.get().deepCopy(field.schema(), SpecificData.get().getDefaultValue(field)));
        } else {
          fillDefaults(current);
        }
      }
    } else if (value instanceof List<?> list) {
      list.forEach(ConsentJson::fillDefaults);
    }
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Canonical JSON: UTF-8, keys sorted at every level, no whitespace, absent values omitted,
   * instants and dates as ISO-8601 strings. What terminals sign and what digests are taken over;
   * omitting absent values keeps old digests valid when optional fields are added.
   */
  public static byte[] canonical(Object value) {
    return canonicalTree(tree(value));
  }

  /**
   * The value as {@link #canonical} writes it: nested maps, lists and scalars. A caller that needs
   * several parts of one value in canonical form (an upload's signing and content inputs) converts
   * it once and writes each part with {@link #canonicalTree}: the conversion costs more than a write.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> tree(Object value) {
    try {
      return CANONICAL.convertValue(value, Map.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot canonicalise " + value.getClass().getSimpleName(), e);
    }
  }

  /** The canonical JSON of a tree from {@link #tree} (or a part of one), written as it is. */
  public static byte[] canonicalTree(Map<String, ?> tree) {
    try {
      return CANONICAL.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot canonicalise a tree", e);
    }
  }

  private static void requireUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new MalformedJsonException(List.of(FieldProblem.of("$", "body is not valid UTF-8")));
    }
  }
}
