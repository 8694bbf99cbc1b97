package org.qianhe.paper.read;

/**
 * A field as OCR saw it, before any cross-check.
 *
 * @param value      normalised text ("" when the box holds no ink); for a vocabulary field the matched entry
 * @param confidence 0-1: the lowest symbol confidence of the read taken (for a matched entry read with
 *                   mistakes, the share of its characters read right)
 * @param agreed     whether independent reads gave the same value; null when the field was read once
 * @param matched    whether a vocabulary field matched an entry of its list (false for other fields)
 * @param candidates every distinct value the reads gave, the reported one first; a cross-check
 *                   (manifest, QR code) may pick another, but a disagreement between reads stands
 */
public record FieldRead(String value, double confidence, Boolean agreed, boolean matched, java.util.List<String> candidates) {

  public static final FieldRead BLANK = new FieldRead("", 0, null, false);

  public FieldRead {
    candidates = java.util.List.copyOf(candidates);
  }

  public FieldRead(String value, double confidence, Boolean agreed, boolean matched) {
    this(value, confidence, agreed, matched, java.util.List.of(value));
  }

  public boolean blank() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return "FieldRead[" + value.length() + " chars, " + confidence + ", agreed " + agreed + ", matched " + matched + "]";
  }
}
