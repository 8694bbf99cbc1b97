package org.qianhe.search.export;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One batch of an export, read straight from Elasticsearch's JSON (cut down to
 * {@link #FILTER_PATH}) into CSV rows: no map per hit, no typed response. Only the columns'
 * fields are picked out of each {@code _source}; anything else in it is skipped.
 *
 * @param rows each hit's values in {@link CsvColumns} order (null where absent)
 * @param lastSort the last hit's sort values: where the next batch starts
 * @param pitId the point in time id the answer names (it may change between batches), or null
 */
record ExportBatch(List<Object[]> rows, List<FieldValue> lastSort, String pitId) {

  static final String FILTER_PATH = "pit_id,hits.hits._source,hits.hits.sort";

  private static final JsonFactory JSON = new JsonFactory();

  static ExportBatch read(InputStream json, int expected) {
    List<Object[]> rows = new ArrayList<>(expected);
    List<FieldValue> lastSort = null;
    String pitId = null;
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("pit_id")) {
          pitId = p.getString();
        } else if (name.equals("hits")) {
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            boolean hits = p.currentName().equals("hits");
            if (p.nextToken() == JsonToken.START_ARRAY && hits) {
              while (p.nextToken() == JsonToken.START_OBJECT) {
                Object[] row = null;
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                  String field = p.currentName();
                  p.nextToken();
                  if (field.equals("_source")) {
                    row = source(p);
                  } else if (field.equals("sort")) {
                    lastSort = sortValues(p);
                  } else {
                    p.skipChildren();
                  }
                }
                rows.add(row == null ? new Object[CsvColumns.PATHS.size()] : row);
              }
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return new ExportBatch(rows, lastSort, pitId);
  }

  /** The columns' values of one {@code _source}; the parser is on its START_OBJECT. */
  private static Object[] source(JsonParser p) {
    Object[] row = new Object[CsvColumns.PATHS.size()];
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      if (token == JsonToken.START_OBJECT) {
        String prefix = name + ".";
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          int column = CsvColumns.column(prefix + p.currentName());
          p.nextToken();
          put(p, row, column);
        }
      } else {
        put(p, row, CsvColumns.column(name));
      }
    }
    return row;
  }

  private static void put(JsonParser p, Object[] row, int column) {
    if (column < 0) {
      p.skipChildren();
      return;
    }
    row[column] = switch (p.currentToken()) {
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> {
        // an array or object where a column expects one value: not a shape the index holds
        p.skipChildren();
        yield null;
      }
    };
  }

  private static List<FieldValue> sortValues(JsonParser p) {
    List<FieldValue> values = new ArrayList<>(2);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      values.add(switch (p.currentToken()) {
        case VALUE_NUMBER_INT -> FieldValue.of(p.getLongValue());
        case VALUE_NUMBER_FLOAT -> FieldValue.of(p.getDoubleValue());
        case VALUE_TRUE -> FieldValue.of(true);
        case VALUE_FALSE -> FieldValue.of(false);
        case VALUE_NULL -> FieldValue.NULL;
        default -> FieldValue.of(p.getString());
      });
    }
    return values;
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new IllegalStateException("unexpected Elasticsearch answer: " + actual + " where " + expected + " belongs");
    }
  }
}
