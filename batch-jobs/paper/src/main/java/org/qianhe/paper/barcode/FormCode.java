package org.qianhe.paper.barcode;

import java.util.Optional;

/**
 * What the form's QR code carries: {@code PREFIX|formId|childId}. The child's ID number is on the
 * paper anyway; the code lets the reader confirm the two fields OCR reads worst to trust.
 */
public record FormCode(String formId, String childId) {

  public String encode(String prefix) {
    return prefix + "|" + formId + "|" + childId;
  }

  /** The code's fields, or empty when the text is not a code of this form. */
  public static Optional<FormCode> parse(String prefix, String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 3 || !parts[0].equals(prefix) || parts[1].isBlank() || parts[2].isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new FormCode(parts[1], parts[2]));
  }

  @Override
  public String toString() {
    return "FormCode[formId=" + formId + ", childId=<sealed>]";
  }
}
