package org.qianhe.search.export;

import java.util.Arrays;

/**
 * RFC 4180 CSV written as UTF-8 bytes: a field is quoted when it holds a comma, a quote or a line
 * break, quotes are doubled, lines end in CRLF. A text field that a spreadsheet would take for a
 * formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, carriage return first) gets a leading
 * apostrophe: the values come from terminals and scanned paper, and must not run in an analyst's
 * spreadsheet. Text is taken as characters straight from the JSON parser's buffer, so a row costs
 * no string per value and no character encoder.
 */
final class CsvBytes {

  /** Lets Excel on a Chinese Windows read the file as UTF-8. */
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private byte[] buf;
  private int len;

  CsvBytes(int capacity) {
    buf = new byte[Math.max(64, capacity)];
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }

  void reset() {
    len = 0;
  }

  /** A text field: defused if it starts like a formula, quoted if it must be. */
  void text(char[] chars, int offset, int length) {
    boolean formula = length > 0 && "=+-@\t\r".indexOf(chars[offset]) >= 0;
    boolean quote = false;
    for (int i = offset; i < offset + length && !quote; i++) {
      char c = chars[i];
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (quote) {
      put('"');
    }
    if (formula) {
      put('\'');
    }
    for (int i = offset; i < offset + length; i++) {
      char c = chars[i];
      if (c == '"') {
        put('"');
        put('"');
      } else if (c < 0x80) {
        put(c);
      } else {
        i = utf8(chars, i, offset + length);
      }
    }
    if (quote) {
      put('"');
    }
  }

  void text(String s) {
    text(s.toCharArray(), 0, s.length());
  }

  /** A number or boolean as JSON wrote it: never quoted, never defused. */
  void literal(char[] chars, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      put(chars[i]);
    }
  }

  /** Appends bytes already written by another {@code CsvBytes} (a field in column order). */
  void append(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buf, len, length);
    len += length;
  }

  void comma() {
    put(',');
  }

  void endRow() {
    put('\r');
    put('\n');
  }

  private int utf8(char[] chars, int i, int end) {
    char c = chars[i];
    if (c < 0x800) {
      put(0xC0 | (c >> 6));
      put(0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
      int cp = Character.toCodePoint(c, chars[i + 1]);
      put(0xF0 | (cp >> 18));
      put(0x80 | ((cp >> 12) & 0x3F));
      put(0x80 | ((cp >> 6) & 0x3F));
      put(0x80 | (cp & 0x3F));
      return i + 1;
    } else if (Character.isSurrogate(c)) {
      put('?');
    } else {
      put(0xE0 | (c >> 12));
      put(0x80 | ((c >> 6) & 0x3F));
      put(0x80 | (c & 0x3F));
    }
    return i;
  }

  private void put(int b) {
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    buf[len++] = (byte) b;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
