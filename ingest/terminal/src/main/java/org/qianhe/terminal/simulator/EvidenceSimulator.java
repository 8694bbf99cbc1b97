package org.qianhe.terminal.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Evidence as a signing terminal captures it, seeded so tests see the same bytes every run:
 *
 * <ul>
 *   <li>fingerprint: an ISO/IEC 19794-2:2005 finger minutiae record ({@code FMR\0}, version
 *       {@code " 20"}, 500 dpi, two views of one finger with 70 to 100 minutiae each: about 1 KB);</li>
 *   <li>photo: a 360×480 portrait-like JPEG (quality 0.88, with sensor noise): about 50 KB;</li>
 *   <li>signature: a handwritten-looking stroke on a 400×150 grey PNG, for the e-pen method.</li>
 * </ul>
 *
 * Photos and signatures are made once per variant and cached ({@value #VARIANTS} variants), since
 * encoding an image costs milliseconds; fingerprint templates are made fresh.
 */
public final class EvidenceSimulator {

  public static final String FINGERPRINT_TYPE = "application/x-iso19794-2";
  public static final String PHOTO_TYPE = "image/jpeg";
  public static final String SIGNATURE_TYPE = "image/png";
  static final int VARIANTS = 24;

  private static final Map<Integer, byte[]> PHOTOS = new ConcurrentHashMap<>();
  private static final Map<Integer, byte[]> SIGNATURES = new ConcurrentHashMap<>();

  private EvidenceSimulator() {}

  /** An ISO/IEC 19794-2 minutiae record of about 1 KB. */
  public static byte[] fingerprint(long seed) {
    Random random = new Random(seed);
    int width = 400;
    int height = 500;
    int views = 2;
    int[] minutiae = {70 + random.nextInt(31), 70 + random.nextInt(31)};
    int length = 24 + 2; // record header, extended data length of the last view
    for (int count : minutiae) {
      length += 4 + 6 * count + 2;
    }
    length -= 2;
    ByteBuffer record = ByteBuffer.allocate(length);
    record.put("FMR\0".getBytes(StandardCharsets.US_ASCII)).put(" 20\0".getBytes(StandardCharsets.US_ASCII));
    record.putInt(length);
    record.putShort((short) 0x0000);          // capture equipment: certification flag and id
    record.putShort((short) width).putShort((short) height);
    record.putShort((short) 197).putShort((short) 197); // 500 dpi in pixels per centimetre
    record.put((byte) views).put((byte) 0);
    int finger = 1 + random.nextInt(10);
    for (int view = 0; view < views; view++) {
      record.put((byte) finger);
      record.put((byte) ((view << 4) | 0)); // view number, impression type 0: live-scan plain
      record.put((byte) (60 + random.nextInt(41)));
      record.put((byte) minutiae[view]);
      for (int i = 0; i < minutiae[view]; i++) {
        int type = 1 + random.nextInt(2); // ridge ending or bifurcation
        record.putShort((short) ((type << 14) | random.nextInt(width)));
        record.putShort((short) random.nextInt(height));
        record.put((byte) random.nextInt(256));
        record.put((byte) (40 + random.nextInt(61)));
      }
      record.putShort((short) 0); // no extended data
    }
    return record.array();
  }

  /** A portrait-like JPEG of about 50 KB. */
  public static byte[] photo(long seed) {
    return PHOTOS.computeIfAbsent(Math.floorMod((int) seed, VARIANTS), EvidenceSimulator::drawPhoto).clone();
  }

  /** A handwritten-looking signature as PNG. */
  public static byte[] signature(long seed) {
    return SIGNATURES.computeIfAbsent(Math.floorMod((int) seed, VARIANTS), EvidenceSimulator::drawSignature).clone();
  }

  private static byte[] drawPhoto(int variant) {
    Random random = new Random(1000L + variant);
    BufferedImage image = new BufferedImage(360, 480, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(200 + random.nextInt(40), 210, 230), 0, 480, new Color(150, 170, 200)));
    g.fillRect(0, 0, 360, 480);
    Color skin = new Color(210 + random.nextInt(30), 170 + random.nextInt(30), 140 + random.nextInt(30));
    g.setColor(new Color(40 + random.nextInt(40), 40 + random.nextInt(40), 60 + random.nextInt(60)));
    g.fillRoundRect(40, 330, 280, 200, 120, 120); // shoulders
    g.setColor(skin);
    g.fillOval(105, 110, 150, 200); // face
    g.setColor(new Color(30, 25, 20));
    g.fillArc(95, 80, 170, 120, 0, 180); // hair
    g.fillOval(140, 185, 18, 10);
    g.fillOval(202, 185, 18, 10); // eyes
    g.setColor(new Color(170, 90, 90));
    g.setStroke(new BasicStroke(3));
    g.drawArc(155, 245, 50, 20, 200, 140); // mouth
    g.dispose();
    int[] row = new int[360];
    for (int y = 0; y < 480; y++) { // sensor noise: what makes camera JPEGs this large
      image.getRGB(0, y, 360, 1, row, 0, 360);
      for (int x = 0; x < 360; x++) {
        int noise = random.nextInt(25) - 12;
        int r = clamp(((row[x] >> 16) & 0xFF) + noise);
        int gr = clamp(((row[x] >> 8) & 0xFF) + noise);
        int b = clamp((row[x] & 0xFF) + noise);
        row[x] = (r << 16) | (gr << 8) | b;
      }
      image.setRGB(0, y, 360, 1, row, 0, 360);
    }
    return jpeg(image, 0.88f);
  }

  private static byte[] drawSignature(int variant) {
    Random random = new Random(2000L + variant);
    BufferedImage image = new BufferedImage(400, 150, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 400, 150);
    g.setColor(new Color(20, 20, 40));
    g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D stroke = new Path2D.Double();
    double x = 30;
    double y = 80 + random.nextInt(20);
    stroke.moveTo(x, y);
    for (int i = 0; i < 14; i++) {
      double nx = x + 15 + random.nextInt(15);
      double ny = 50 + random.nextInt(60);
      stroke.curveTo(x + 5, y - 40 + random.nextInt(80), nx - 5, ny - 40 + random.nextInt(80), nx, ny);
      x = nx;
      y = ny;
    }
    g.draw(stroke);
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }

  private static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
         MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }
}
