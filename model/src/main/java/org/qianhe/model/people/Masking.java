package org.qianhe.model.people;

/** Display values that let a person recognise a record without revealing who it is. */
public final class Masking {

  private Masking() {}

  /** 梁小明 → 梁**; keeps the family name, as paper registers do. */
  public static String name(String name) {
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      return "";
    }
    int first = trimmed.offsetByCodePoints(0, 1);
    int rest = trimmed.codePointCount(first, trimmed.length());
    return trimmed.substring(0, first) + "*".repeat(Math.max(rest, 1));
  }

  /** 410102201801011234 → 4101**********1234: region prefix and last four only. */
  public static String idNumber(String id) {
    return keepEnds(id.strip(), 4, 4);
  }

  /** 13812345678 → 138****5678 */
  public static String phone(String phone) {
    return keepEnds(phone.strip(), 3, 4);
  }

  private static String keepEnds(String value, int head, int tail) {
    if (value.length() <= head + tail) {
      return "*".repeat(value.length());
    }
    return value.substring(0, head) + "*".repeat(value.length() - head - tail)
        + value.substring(value.length() - tail);
  }
}
