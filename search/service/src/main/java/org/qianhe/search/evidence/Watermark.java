package org.qianhe.search.evidence;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks an image with who viewed it and when, so that a photo or screenshot that leaves the
 * screen names its viewer. Two marks: the text repeated diagonally across the whole image (cannot
 * be cropped away without losing the picture) and a band added below it with the text lines,
 * legible at any size. ASCII only (user names are ASCII), so any installed font draws it.
 */
final class Watermark {

  private static final Color BAND = new Color(20, 20, 20);
  private static final Color TILE_LIGHT = new Color(255, 255, 255);
  private static final Color TILE_DARK = new Color(170, 0, 0);

  private Watermark() {}

  /**
   * A new RGB image: the source with the first line tiled over it, and a band with every line
   * below it (wrapped to the image's width).
   */
  static BufferedImage apply(BufferedImage source, List<String> lines) {
    int width = source.getWidth();
    int fontSize = Math.max(12, Math.min(40, width / 34));
    Font font = new Font(Font.SANS_SERIF, Font.BOLD, fontSize);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D measure = probe.createGraphics();
    FontMetrics metrics = measure.getFontMetrics(font);
    measure.dispose();
    List<String> bandLines = wrap(lines, metrics, width - fontSize);
    int lineHeight = fontSize * 3 / 2;
    int band = lineHeight * bandLines.size() + fontSize / 2;
    BufferedImage marked = new BufferedImage(width, source.getHeight() + band, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = marked.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, source.getHeight()); // transparent pixels of a PNG become white
      g.drawImage(source, 0, 0, null);
      g.setFont(font);
      tile(g, lines.get(0), width, source.getHeight());
      g.setComposite(AlphaComposite.SrcOver);
      g.setTransform(new AffineTransform());
      g.setClip(null);
      g.setColor(BAND);
      g.fillRect(0, source.getHeight(), width, band);
      g.setColor(Color.WHITE);
      for (int i = 0; i < bandLines.size(); i++) {
        g.drawString(bandLines.get(i), fontSize / 2,
            source.getHeight() + fontSize / 4 + lineHeight * i + (lineHeight + metrics.getAscent() - metrics.getDescent()) / 2);
      }
    } finally {
      g.dispose();
    }
    return marked;
  }

  /** Each line broken at spaces to fit the width; a single word wider than that is cut. */
  private static List<String> wrap(List<String> lines, FontMetrics metrics, int width) {
    List<String> wrapped = new ArrayList<>();
    for (String line : lines) {
      StringBuilder current = new StringBuilder();
      for (String word : line.split(" ")) {
        String candidate = current.isEmpty() ? word : current + " " + word;
        if (metrics.stringWidth(candidate) <= width || current.isEmpty()) {
          current = new StringBuilder(candidate);
        } else {
          wrapped.add(fit(current.toString(), metrics, width));
          current = new StringBuilder(word);
        }
      }
      wrapped.add(fit(current.toString(), metrics, width));
    }
    return wrapped;
  }

  /** The text on a rotated grid over the picture, light and dark so it shows on any background. */
  private static void tile(Graphics2D g, String text, int width, int height) {
    FontMetrics metrics = g.getFontMetrics();
    int step = metrics.stringWidth(text) + metrics.getHeight() * 3;
    int line = metrics.getHeight() * 4;
    g.setClip(0, 0, width, height);
    g.rotate(Math.toRadians(-30), width / 2.0, height / 2.0);
    int reach = width + height;
    for (int y = -reach; y < reach; y += line) {
      int shift = (y / line) % 2 == 0 ? 0 : step / 2;
      for (int x = -reach + shift; x < reach; x += step) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f));
        g.setColor(TILE_LIGHT);
        g.drawString(text, x + 1, y + 1);
        g.setColor(TILE_DARK);
        g.drawString(text, x, y);
      }
    }
  }

  private static String fit(String text, FontMetrics metrics, int width) {
    String fitted = text;
    while (fitted.length() > 8 && metrics.stringWidth(fitted) > width) {
      fitted = fitted.substring(0, fitted.length() - 4) + "...";
    }
    return fitted;
  }
}
