package org.qianhe.search.evidence;

import java.awt.image.BufferedImage;

/** Pixel comparisons the watermark tests make. */
final class Pixels {

  private Pixels() {}

  /** Share of the original's pixels whose colour changed by more than 40 (sum over channels) in {@code marked}. */
  static double changedShare(BufferedImage original, BufferedImage marked) {
    long changed = 0;
    for (int y = 0; y < original.getHeight(); y++) {
      for (int x = 0; x < original.getWidth(); x++) {
        int a = original.getRGB(x, y);
        int b = marked.getRGB(x, y);
        int diff = Math.abs(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF)) + Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF))
            + Math.abs((a & 0xFF) - (b & 0xFF));
        if (diff > 40) {
          changed++;
        }
      }
    }
    return (double) changed / ((long) original.getWidth() * original.getHeight());
  }

  /** Share of dark pixels (each channel below 64) below row {@code fromRow}. */
  static double darkShare(BufferedImage image, int fromRow) {
    long dark = 0;
    long all = 0;
    for (int y = fromRow; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        all++;
        if (((p >> 16) & 0xFF) < 64 && ((p >> 8) & 0xFF) < 64 && (p & 0xFF) < 64) {
          dark++;
        }
      }
    }
    return all == 0 ? 0 : (double) dark / all;
  }
}
