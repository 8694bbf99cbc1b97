package org.qianhe.search.export;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One batch of an export, read straight from Elasticsearch's JSON answer into the CSV lines it
 * becomes: no map per hit, no string per value. Of the answer only {@code pit_id} and each hit's
 * {@code _source} and {@code sort} are read; everything else is skipped. Only
 * the columns' fields are picked out of each {@code _source}, each written as a CSV field the
 * moment the parser meets it, then put in column order; anything else in it is skipped.
 *
 * @param csv the batch's CSV lines (UTF-8, CRLF), one per hit
 * @param rows how many lines
 * @param lastSort the last hit's sort values: where the next batch starts
 * @param pitId the point in time id the answer names (it may change between batches), or null
 */
record ExportBatch(byte[] csv, int rows, List<FieldValue> lastSort, String pitId) {

  private static final JsonFactory JSON = new JsonFactory();

  static ExportBatch read(InputStream json, int expected) {
    // a row is 450 to 600 bytes: room for all of them at once, so the batch's buffer never grows
    CsvBytes out = new CsvBytes(expected * 640);
    Row row = new Row();
    int rows = 0;
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
                row.clear();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                  String field = p.currentName();
                  p.nextToken();
                  if (field.equals("_source")) {
                    row.read(p);
                  } else if (field.equals("sort")) {
                    lastSort = sortValues(p);
                  } else {
                    p.skipChildren();
                  }
                }
                row.writeTo(out);
                rows++;
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
    return new ExportBatch(Arrays.copyOf(out.array(), out.length()), rows, lastSort, pitId);
  }

  /** One hit's fields as CSV, in the order the source has them, and where each column's field is. */
  private static final class Row {
    private final CsvBytes fields = new CsvBytes(1024);
    private final int[] start = new int[CsvColumns.PATHS.size()];
    private final int[] end = new int[CsvColumns.PATHS.size()];

    void clear() {
      fields.reset();
      Arrays.fill(start, 0);
      Arrays.fill(end, 0);
    }

    /** The columns' values of one {@code _source}; the parser is on its START_OBJECT. */
    void read(JsonParser p) {
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken token = p.nextToken();
        if (token == JsonToken.START_OBJECT) {
          Map<String, Integer> columns = CsvColumns.inside(name);
          if (columns.isEmpty()) {
            p.skipChildren();
            continue;
          }
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            Integer column = columns.get(p.currentName());
            p.nextToken();
            put(p, column == null ? -1 : column);
          }
        } else {
          put(p, CsvColumns.column(name));
        }
      }
    }

    private void put(JsonParser p, int column) {
      JsonToken token = p.currentToken();
      if (column < 0 || !token.isScalarValue()) {
        // not a column, or an array or object where a column expects one value: not a shape the index holds
        p.skipChildren();
        return;
      }
      start[column] = fields.length();
      if (token == JsonToken.VALUE_STRING) {
        fields.text(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
      } else if (token != JsonToken.VALUE_NULL) {
        char[] text = p.getText().toCharArray();
        fields.literal(text, 0, text.length);
      }
      end[column] = fields.length();
    }

    void writeTo(CsvBytes out) {
      for (int c = 0; c < start.length; c++) {
        if (c > 0) {
          out.comma();
        }
        out.append(fields.array(), start[c], end[c] - start[c]);
      }
      out.endRow();
    }
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
