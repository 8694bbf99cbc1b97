package org.qianhe.search;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A scanned paper consent page as the paper migration stores it: a 150 dpi A4 page (1240 x 1754)
 * with printed lines, a label naming its scan, a stamp and a signature stroke; PNG.
 */
public final class TestScans {

  public static final int WIDTH = 1240;
  public static final int HEIGHT = 1754;

  private TestScans() {}

  public static byte[] page(String label) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(250, 248, 240));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(new Color(30, 30, 30));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
    g.drawString("VACCINATION CONSENT", 140, 160);
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 28));
    g.drawString(label, 140, 230);
    g.setStroke(new BasicStroke(2));
    for (int y = 320; y < 1400; y += 70) {
      g.drawLine(140, y, WIDTH - 140, y);
    }
    g.setColor(new Color(200, 30, 30));
    g.setStroke(new BasicStroke(5));
    g.drawOval(820, 1450, 220, 220); // the clinic's stamp
    g.setColor(new Color(20, 20, 60));
    g.setStroke(new BasicStroke(3));
    g.drawArc(200, 1500, 300, 80, 10, 160);
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
