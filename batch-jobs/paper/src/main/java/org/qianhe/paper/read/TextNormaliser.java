package org.qianhe.paper.read;

import org.qianhe.paper.form.FieldKind;

/** OCR text to a field value: spacing dropped, full-width forms folded, dates put in ISO form. */
public final class TextNormaliser {

  private TextNormaliser() {}

  public static String normalise(String text, FieldKind kind) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return;
      }
      if (c >= 0xFF01 && c <= 0xFF5E && kind != FieldKind.TEXT) {
        c -= 0xFEE0; // full-width ASCII
      }
      if (c == '—' || c == '–' || c == '_') {
        c = '-';
      }
      out.appendCodePoint(c);
    });
    String value = out.toString();
    if (kind == FieldKind.TEXT) {
      value = value.replace('(', '（').replace(')', '）');
    }
    if (kind != FieldKind.TEXT) {
      // a dash at either end is a speck or the end of a rule, never part of a code or date
      value = value.replaceAll("^-+|-+$", "");
    }
    if (kind == FieldKind.DATE && value.matches("[0-9]{8}")) {
      value = value.substring(0, 4) + "-" + value.substring(4, 6) + "-" + value.substring(6);
    }
    return value;
  }
}
