package org.qianhe.search.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.qianhe.search.query.TraceCursor;
import org.qianhe.search.query.TraceSort;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A {@link TracePage} written as JSON straight from Elasticsearch's answer (of which only
 * {@code hits.total.value} and each hit's {@code _source} and {@code sort} are read): each hit's
 * {@code _source} is passed on as the bytes Elasticsearch sent,
 * never turned into a map or even into strings and back (the parser only finds where it ends).
 * The shape is what the {@code TracePage} record serialises to:
 * {@code {"total":..,"results":[..],"next":..}}.
 *
 * <p>The request already cut the sealed identity from every {@code _source}
 * ({@link org.qianhe.search.query.ScopedIndex}); nothing here adds a field.
 *
 * @param total every matching consent (exact)
 * @param json the answer's bytes
 */
record TracePageJson(long total, byte[] json) {

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * @param size the page size: the request asked for one hit more, which is not shown but tells
   *             that a next page exists
   */
  static TracePageJson read(InputStream answer, int size, TraceSort sort) throws IOException {
    byte[] in = answer.readAllBytes();
    ByteArrayOutputStream results = new ByteArrayOutputStream(in.length + 64);
    long total = 0;
    int hits = 0;
    String next = null;
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), in)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
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
            while (p.nextToken() == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("_source") && hits < size && p.currentToken() == JsonToken.START_OBJECT) {
                  int start = (int) p.currentTokenLocation().getByteOffset();
                  p.skipChildren();
                  int end = (int) p.currentTokenLocation().getByteOffset() + 1;
                  if (hits > 0) {
                    results.write(',');
                  }
                  results.write(in, start, end - start);
                } else if (field.equals("sort") && hits == size - 1) {
                  next = cursor(p, sort);
                } else {
                  p.skipChildren();
                }
              }
              hits++;
            }
          } else {
            p.skipChildren();
          }
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(results.size() + 128);
    out.writeBytes(("{\"total\":" + total + ",\"results\":[").getBytes(StandardCharsets.US_ASCII));
    results.writeTo(out);
    // the cursor is Base64url parts joined by dots: nothing in it needs escaping
    out.writeBytes(("],\"next\":" + (hits > size ? "\"" + next + "\"" : "null") + "}").getBytes(StandardCharsets.US_ASCII));
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
