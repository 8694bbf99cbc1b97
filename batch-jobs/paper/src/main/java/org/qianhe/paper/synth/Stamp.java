package org.qianhe.paper.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * The clinic's round red seal (公章), inked over the date and site code as clinics do. Ink
 * multiplies with what is under it, so print under the seal stays dark, as on paper.
 */
final class Stamp {

  private Stamp() {}

  /**
   * Stamps the page.
   *
   * @param pageTransform the page's mm-to-pixel transform (rotation and offset of the scan included)
   */
  static void apply(BufferedImage page, AffineTransform pageTransform, double cx, double cy, double radius,
      String siteName, Random random) {
    double[] corners = {cx - radius - 1, cy - radius - 1, cx + radius + 1, cy - radius - 1,
        cx - radius - 1, cy + radius + 1, cx + radius + 1, cy + radius + 1};
    double[] px = new double[8];
    pageTransform.transform(corners, 0, px, 0, 4);
    int x0 = (int) Math.max(0, Math.floor(Math.min(Math.min(px[0], px[2]), Math.min(px[4], px[6]))));
    int y0 = (int) Math.max(0, Math.floor(Math.min(Math.min(px[1], px[3]), Math.min(px[5], px[7]))));
    int x1 = (int) Math.min(page.getWidth(), Math.ceil(Math.max(Math.max(px[0], px[2]), Math.max(px[4], px[6]))));
    int y1 = (int) Math.min(page.getHeight(), Math.ceil(Math.max(Math.max(px[1], px[3]), Math.max(px[5], px[7]))));
    if (x1 <= x0 || y1 <= y0) {
      return;
    }
    BufferedImage layer = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = layer.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, layer.getWidth(), layer.getHeight());
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    AffineTransform t = AffineTransform.getTranslateInstance(-x0, -y0);
    t.concatenate(pageTransform);
    t.rotate(Math.toRadians(-15 + random.nextDouble() * 30), cx, cy);
    g.transform(t);
    g.setColor(new Color(200 + random.nextInt(40), 30 + random.nextInt(30), 35 + random.nextInt(30)));
    draw(g, cx, cy, radius, siteName);
    g.dispose();
    multiply(page, layer, x0, y0, random.nextDouble() * 0.3 + 0.7);
  }

  private static void draw(Graphics2D g, double cx, double cy, double radius, String siteName) {
    g.setStroke(new BasicStroke(0.9f));
    g.draw(new Ellipse2D.Double(cx - radius + 0.5, cy - radius + 0.5, 2 * radius - 1, 2 * radius - 1));
    g.fill(star(cx, cy, 4.2));
    Font font = Fonts.of(Fonts.SANS, true, 11);
    FontRenderContext frc = g.getFontRenderContext();
    String text = siteName;
    double sweep = Math.toRadians(Math.min(250, 22 * text.length()));
    for (int i = 0; i < text.length(); i++) {
      double angle = -Math.PI / 2 - sweep / 2 + sweep * (i + 0.5) / text.length();
      AffineTransform saved = g.getTransform();
      g.translate(cx + Math.cos(angle) * (radius - 5), cy + Math.sin(angle) * (radius - 5));
      g.rotate(angle + Math.PI / 2);
      String ch = text.substring(i, i + 1);
      g.setFont(font);
      g.drawString(ch, (float) (-font.getStringBounds(ch, frc).getWidth() / 2), 1.4f);
      g.setTransform(saved);
    }
    Font small = Fonts.of(Fonts.SANS, false, 8);
    String bottom = "预防接种专用章";
    g.setFont(small);
    g.drawString(bottom, (float) (cx - small.getStringBounds(bottom, frc).getWidth() / 2), (float) (cy + 10));
  }

  private static Path2D star(double cx, double cy, double r) {
    Path2D.Double p = new Path2D.Double();
    for (int i = 0; i < 10; i++) {
      double radius = i % 2 == 0 ? r : r * 0.4;
      double a = -Math.PI / 2 + i * Math.PI / 5;
      if (i == 0) {
        p.moveTo(cx + radius * Math.cos(a), cy + radius * Math.sin(a));
      } else {
        p.lineTo(cx + radius * Math.cos(a), cy + radius * Math.sin(a));
      }
    }
    p.closePath();
    return p;
  }

  /** page = page × stamp, channel by channel; {@code strength} below 1 for a lightly inked seal. */
  private static void multiply(BufferedImage page, BufferedImage layer, int x0, int y0, double strength) {
    int[] dst = ((DataBufferInt) page.getRaster().getDataBuffer()).getData();
    int[] src = ((DataBufferInt) layer.getRaster().getDataBuffer()).getData();
    int pw = page.getWidth();
    int lw = layer.getWidth();
    for (int y = 0; y < layer.getHeight(); y++) {
      for (int x = 0; x < lw; x++) {
        int s = src[y * lw + x];
        if ((s & 0xFFFFFF) == 0xFFFFFF) {
          continue;
        }
        int i = (y + y0) * pw + x + x0;
        int d = dst[i];
        int r = mul(d >> 16 & 0xFF, s >> 16 & 0xFF, strength);
        int gr = mul(d >> 8 & 0xFF, s >> 8 & 0xFF, strength);
        int b = mul(d & 0xFF, s & 0xFF, strength);
        dst[i] = r << 16 | gr << 8 | b;
      }
    }
  }

  private static int mul(int under, int ink, double strength) {
    double factor = 1 - strength * (1 - ink / 255.0);
    return (int) Math.round(under * factor);
  }
}
