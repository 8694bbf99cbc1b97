package org.qianhe.paper.scan;

/** The formats scans come in, told from a file's first bytes. */
public enum ScanFormat {
  PDF, PNG, JPEG, TIFF, UNKNOWN;

  public static ScanFormat sniff(byte[] head, int length) {
    if (starts(head, length, '%', 'P', 'D', 'F', '-')) {
      return PDF;
    }
    if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (starts(head, length, 'I', 'I', 42, 0) || starts(head, length, 'M', 'M', 0, 42)) {
      return TIFF;
    }
    return UNKNOWN;
  }

  /** Whether a name looks like a scan file (the listing's filter; the content decides the format). */
  public static boolean scanName(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".pdf") || lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg")
        || lower.endsWith(".tif") || lower.endsWith(".tiff");
  }

  private static boolean starts(byte[] head, int length, int... expected) {
    if (length < expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((head[i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
