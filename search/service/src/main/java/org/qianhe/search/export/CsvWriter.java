package org.qianhe.search.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: a field is quoted when it holds a comma, a quote or a line break, quotes are
 * doubled, lines end in CRLF. A text field that a spreadsheet would take for a formula ({@code =},
 * {@code +}, {@code -}, {@code @}, tab, carriage return first) gets a leading apostrophe: the
 * values come from terminals and scanned paper, and must not run in an analyst's spreadsheet.
 */
final class CsvWriter {

  /** Lets Excel on a Chinese Windows read the file as UTF-8. */
  static final char BOM = '\uFEFF';

  private final Writer out;

  CsvWriter(Writer out) {
    this.out = out;
  }

  void row(List<?> values) throws IOException {
    row(values.toArray());
  }

  void row(Object[] values) throws IOException {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      field(values[i]);
    }
    out.write("\r\n");
  }

  private void field(Object value) throws IOException {
    if (value == null) {
      return;
    }
    if (value instanceof Number || value instanceof Boolean) {
      out.write(value.toString());
      return;
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.write(text);
      return;
    }
    out.write('"');
    out.write(text.replace("\"", "\"\""));
    out.write('"');
  }
}
