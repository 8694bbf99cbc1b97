package org.qianhe.paper.synth;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The files a scan batch must survive without stopping: images that are not forms and files that
 * lie about their size. Used by the tests of the opener and of migrate-paper, so both prove the
 * same hostile inputs.
 */
public final class HostileScans {

  private HostileScans() {}

  /** A tiny valid-looking PNG whose header declares the given size: the classic decompression bomb. */
  public static byte[] pngDeclaring(int width, int height) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DataOutputStream data = new DataOutputStream(out);
      data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      DataOutputStream h = new DataOutputStream(header);
      h.writeInt(width);
      h.writeInt(height);
      h.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit greyscale, deflate, no filter, no interlace
      chunk(data, "IHDR", header.toByteArray());
      Deflater deflater = new Deflater();
      deflater.setInput(new byte[1 << 16]);
      deflater.finish();
      byte[] compressed = new byte[1 << 12];
      int length = deflater.deflate(compressed);
      deflater.end();
      chunk(data, "IDAT", Arrays.copyOf(compressed, length));
      chunk(data, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
  }

  /** A page of random colour noise: decodes fine, holds no form (no corner marks, no code). */
  public static BufferedImage noise(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }

  /** A white image of the given size (too small, or too narrow, to be a form when so asked). */
  public static BufferedImage blank(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
    out.writeInt(body.length);
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.write(typeBytes);
    out.write(body);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(body);
    out.writeInt((int) crc.getValue());
  }
}
