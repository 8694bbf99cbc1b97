package org.qianhe.paper.form;

/** How a printed field is read: which OCR language set, and how its text is normalised. */
public enum FieldKind {
  /** Chinese text (chi_sim + eng); spaces between characters are dropped. */
  TEXT,
  /** Latin letters, digits and '-' (eng, with a whitelist). */
  CODE,
  /** Digits only (eng, with a whitelist). */
  DIGITS,
  /** An ISO date, yyyy-MM-dd (eng, with a whitelist). */
  DATE;

  public boolean chinese() {
    return this == TEXT;
  }
}
