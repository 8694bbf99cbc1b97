package org.qianhe.search.evidence;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws an ISO/IEC 19794-2:2005 finger minutiae record (what the terminals capture) as a picture:
 * one panel per finger view, ridge endings as blue circles and bifurcations as red squares, each
 * with a stroke in its ridge direction. A trace officer sees what was captured; the template bytes
 * themselves are never handed out.
 *
 * <p>Record layout: {@code "FMR\0"}, version {@code " 20\0"}, record length (4 bytes), capture
 * equipment (2), image width and height (2 + 2), resolutions (2 + 2), view count (1), reserved (1);
 * per view: finger position, view number and impression type, quality, minutiae count (1 byte
 * each), then per minutia type (2 bits) and x (14), reserved (2) and y (14), angle in units of
 * 360/256 degrees (1), quality (1); then the length of extended data (2) and that data.
 */
final class MinutiaeRendering {

  private static final int HEADER = 24;
  private static final int MAX_SIDE = 2000;
  private static final int CAPTION = 28;
  private static final Color ENDING = new Color(20, 70, 200);
  private static final Color BIFURCATION = new Color(200, 30, 30);

  private MinutiaeRendering() {}

  record Minutia(int type, int x, int y, double angleDegrees) {}

  record View(int finger, int number, int quality, List<Minutia> minutiae) {}

  record Template(int width, int height, List<View> views) {}

  static BufferedImage render(byte[] record) throws UnshowableEvidenceException {
    return draw(parse(record));
  }

  static Template parse(byte[] record) throws UnshowableEvidenceException {
    ByteBuffer in = ByteBuffer.wrap(record);
    try {
      byte[] magic = new byte[4];
      in.get(magic);
      if (!"FMR\0".equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw new UnshowableEvidenceException("not an ISO/IEC 19794-2 finger minutiae record");
      }
      in.getInt(); // version
      long length = Integer.toUnsignedLong(in.getInt());
      if (length != record.length) {
        throw new UnshowableEvidenceException("minutiae record length " + length + " differs from its " + record.length + " bytes");
      }
      in.getShort(); // capture equipment
      int width = Short.toUnsignedInt(in.getShort());
      int height = Short.toUnsignedInt(in.getShort());
      if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
        throw new UnshowableEvidenceException("minutiae record of an absurd image size " + width + "x" + height);
      }
      in.position(HEADER - 2);
      int viewCount = Byte.toUnsignedInt(in.get());
      in.get(); // reserved
      List<View> views = new ArrayList<>();
      for (int v = 0; v < viewCount; v++) {
        int finger = Byte.toUnsignedInt(in.get());
        int number = Byte.toUnsignedInt(in.get()) >> 4;
        int quality = Byte.toUnsignedInt(in.get());
        int count = Byte.toUnsignedInt(in.get());
        List<Minutia> minutiae = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          int typeAndX = Short.toUnsignedInt(in.getShort());
          int y = Short.toUnsignedInt(in.getShort()) & 0x3FFF;
          int angle = Byte.toUnsignedInt(in.get());
          in.get(); // minutia quality
          minutiae.add(new Minutia(typeAndX >> 14, typeAndX & 0x3FFF, y, angle * 360.0 / 256));
        }
        int extended = Short.toUnsignedInt(in.getShort());
        in.position(in.position() + extended);
        views.add(new View(finger, number, quality, minutiae));
      }
      return new Template(width, height, views);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new UnshowableEvidenceException("minutiae record ends early");
    }
  }

  private static BufferedImage draw(Template template) {
    int panels = Math.max(1, template.views().size());
    BufferedImage image = new BufferedImage(template.width() * panels, template.height() + CAPTION, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      for (int p = 0; p < template.views().size(); p++) {
        View view = template.views().get(p);
        int left = p * template.width();
        g.setColor(Color.DARK_GRAY);
        g.drawString("finger " + view.finger() + ", view " + view.number() + ": " + view.minutiae().size()
            + " minutiae, quality " + view.quality(), left + 8, 18);
        g.setColor(new Color(200, 200, 200));
        g.drawRect(left, CAPTION, template.width() - 1, template.height() - 1);
        g.setStroke(new BasicStroke(1.6f));
        for (Minutia m : view.minutiae()) {
          int x = left + Math.min(m.x(), template.width() - 1);
          int y = CAPTION + Math.min(m.y(), template.height() - 1);
          g.setColor(m.type() == 2 ? BIFURCATION : ENDING);
          if (m.type() == 2) {
            g.drawRect(x - 4, y - 4, 8, 8);
          } else {
            g.drawOval(x - 4, y - 4, 8, 8);
          }
          double radians = Math.toRadians(m.angleDegrees());
          g.drawLine(x, y, x + (int) Math.round(12 * Math.cos(radians)), y - (int) Math.round(12 * Math.sin(radians)));
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
