package org.qianhe.search.trace;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.qianhe.search.query.TraceCursor;
import org.qianhe.search.query.TraceSort;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A {@link TracePage} written as JSON straight from Elasticsearch's answer (cut down to
 * {@link #FILTER_PATH}): each hit's {@code _source} is copied token by token into
 * {@code results}, never turned into a map and back. The bytes are exactly what the
 * {@code TracePage} record serialises to: {@code {"total":..,"results":[..],"next":..}}.
 *
 * <p>The request already cut the sealed identity from every {@code _source}
 * ({@link org.qianhe.search.query.ScopedIndex}); nothing here adds a field.
 *
 * @param total every matching consent (exact)
 * @param json the answer's bytes
 */
record TracePageJson(long total, byte[] json) {

  static final String FILTER_PATH = "hits.total.value,hits.hits._source,hits.hits.sort";

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * @param size the page size: the request asked for one hit more, which is not shown but tells
   *             that a next page exists
   */
  static TracePageJson read(InputStream answer, int size, TraceSort sort) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size * 1200 + 64);
    long total = 0;
    int hits = 0;
    boolean started = false;
    String next = null;
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), answer);
         JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      g.writeStartObject();
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        boolean isHits = p.currentName().equals("hits");
        p.nextToken();
        if (!isHits) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("total")) {
            total = totalValue(p);
          } else if (name.equals("hits") && p.currentToken() == JsonToken.START_ARRAY) {
            g.writeNumberProperty("total", total);
            g.writeName("results");
            g.writeStartArray();
            started = true;
            while (p.nextToken() == JsonToken.START_OBJECT) {
              boolean shown = hits < size;
              while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("_source") && shown) {
                  g.copyCurrentStructure(p);
                } else if (field.equals("sort") && hits == size - 1) {
                  next = cursor(p, sort);
                } else {
                  p.skipChildren();
                }
              }
              hits++;
            }
            g.writeEndArray();
          } else {
            p.skipChildren();
          }
        }
      }
      if (!started) {
        // no hit at all: filter_path leaves no "hits" array to start the results with
        g.writeNumberProperty("total", total);
        g.writeName("results");
        g.writeStartArray();
        g.writeEndArray();
      }
      if (hits > size) {
        g.writeStringProperty("next", next);
      } else {
        g.writeNullProperty("next");
      }
      g.writeEndObject();
    }
    return new TracePageJson(total, out.toByteArray());
  }

  private static long totalValue(JsonParser p) {
    long value = 0;
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        boolean isValue = p.currentName().equals("value");
        p.nextToken();
        if (isValue) {
          value = p.getLongValue();
        } else {
          p.skipChildren();
        }
      }
    }
    return value;
  }

  /** The last shown hit's sort values as the {@code searchAfter} of the next page. */
  private static String cursor(JsonParser p, TraceSort sort) {
    p.nextToken();
    String value = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? Long.toString(p.getLongValue()) : p.getString();
    p.nextToken();
    String consentId = p.getString();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      p.skipChildren();
    }
    return new TraceCursor(sort, value, consentId).encode();
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw new IllegalStateException("unexpected Elasticsearch answer: " + actual + " where " + expected + " belongs");
    }
  }
}
