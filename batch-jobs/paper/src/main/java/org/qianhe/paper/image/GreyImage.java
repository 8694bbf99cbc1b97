package org.qianhe.paper.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * An 8-bit grey image, row by row, 0 black to 255 white: what Tesseract and ZXing are given
 * (tess4j's BufferedImage methods cannot load Debian's leptonica, DESIGN.md section 12).
 */
public final class GreyImage {

  private final int width;
  private final int height;
  private final byte[] pixels;

  public GreyImage(int width, int height, byte[] pixels) {
    if (width <= 0 || height <= 0 || pixels.length != (long) width * height) {
      throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.pixels = pixels;
  }

  public static GreyImage blank(int width, int height) {
    byte[] px = new byte[width * height];
    java.util.Arrays.fill(px, (byte) 255);
    return new GreyImage(width, height, px);
  }

  /**
   * The red channel of a colour scan. Red is the dropout colour of forms: the clinic's red stamp
   * vanishes from it while black print and blue or black pen stay dark.
   */
  public static GreyImage redChannel(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h];
    switch (image.getType()) {
      case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> {
        int[] src = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < out.length; i++) {
          out[i] = (byte) (src[i] >> 16);
        }
      }
      case BufferedImage.TYPE_3BYTE_BGR -> {
        byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < out.length; i++) {
          out[i] = src[3 * i + 2];
        }
      }
      case BufferedImage.TYPE_BYTE_GRAY -> {
        byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(src, 0, out, 0, out.length);
      }
      default -> {
        if (redBand(image)) {
          // component RGB rasters (TIFF, 16-bit PNG): band 0 is red, no colour conversion per pixel
          int[] row = new int[w];
          java.awt.image.Raster raster = image.getRaster();
          int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
          for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
              out[y * w + x] = (byte) (row[x] >> shift);
            }
          }
          return new GreyImage(w, h, out);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          image.getRGB(0, y, w, 1, row, 0, w);
          for (int x = 0; x < w; x++) {
            out[y * w + x] = (byte) (row[x] >> 16);
          }
        }
      }
    }
    return new GreyImage(w, h, out);
  }

  private static boolean redBand(BufferedImage image) {
    return image.getColorModel() instanceof java.awt.image.ComponentColorModel
        && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_RGB
        && image.getRaster().getNumBands() >= 3;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The backing array (not a copy): row-major, one byte per pixel. */
  public byte[] pixels() {
    return pixels;
  }

  public int get(int x, int y) {
    return pixels[y * width + x] & 0xFF;
  }

  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    System.arraycopy(pixels, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, pixels.length);
    return image;
  }
}
