package org.qianhe.paper.ocr;

/**
 * What Tesseract read from one region.
 *
 * @param text          the recognised text, trimmed (may hold a person's identity: never log it)
 * @param minConfidence the lowest confidence of any recognised symbol (0-100), 0 when nothing was read;
 *                      one doubtful character is enough to doubt a lot number
 * @param meanConfidence Tesseract's mean word confidence (0-100)
 */
public record OcrText(String text, float minConfidence, float meanConfidence) {

  public static final OcrText NOTHING = new OcrText("", 0, 0);

  public boolean empty() {
    return text.isEmpty();
  }

  @Override
  public String toString() {
    return "OcrText[" + text.length() + " chars, min " + minConfidence + ", mean " + meanConfidence + "]";
  }
}
