package org.qianhe.paper.synth;

import java.awt.Font;

/**
 * The CJK faces the forms are printed in: Noto Sans CJK SC (黑体-like) and Noto Serif CJK SC
 * (宋体-like), from Debian's {@code fonts-noto-cjk}. Without them Java silently draws empty boxes
 * for Chinese, so a missing font fails here, loudly.
 */
final class Fonts {

  static final String SANS = "Noto Sans CJK SC";
  static final String SERIF = "Noto Serif CJK SC";

  private Fonts() {}

  /** A face at a size in millimetres (the renderer draws in millimetres). */
  static Font of(String family, boolean bold, double sizePt) {
    Font font = new Font(family, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) (sizePt * 25.4 / 72));
    if (!family.equals(font.getFamily()) || font.canDisplayUpTo("预防接种知情同意书０") >= 0) {
      throw new IllegalStateException("font '" + family + "' is not installed: apt-get install fonts-noto-cjk");
    }
    return font;
  }
}
