package org.qianhe.paper.image;

/**
 * Black and white from grey: Otsu's threshold on the region itself (faded print and a darker
 * paper shift it together), then specks smaller than a stroke removed, so scanner noise does not
 * turn into dots and commas.
 */
public final class Binariser {

  private Binariser() {}

  /** Otsu's threshold of the image's histogram: pixels at or below it are ink. */
  public static int otsu(GreyImage image) {
    int[] histogram = new int[256];
    for (byte p : image.pixels()) {
      histogram[p & 0xFF]++;
    }
    return otsu(histogram, image.pixels().length);
  }

  static int otsu(int[] histogram, long total) {
    double sum = 0;
    for (int i = 0; i < 256; i++) {
      sum += (double) i * histogram[i];
    }
    double sumBack = 0;
    long back = 0;
    double best = -1;
    int threshold = 127;
    for (int t = 0; t < 256; t++) {
      back += histogram[t];
      if (back == 0) {
        continue;
      }
      long fore = total - back;
      if (fore == 0) {
        break;
      }
      sumBack += (double) t * histogram[t];
      double meanBack = sumBack / back;
      double meanFore = (sum - sumBack) / fore;
      double between = (double) back * fore * (meanBack - meanFore) * (meanBack - meanFore);
      if (between > best) {
        best = between;
        threshold = t;
      }
    }
    return threshold;
  }

  /** 0 where the pixel is at or below {@code threshold}, else 255; then specks of fewer than {@code minSpeck} pixels removed. */
  public static GreyImage binarise(GreyImage image, int threshold, int minSpeck) {
    byte[] src = image.pixels();
    byte[] out = new byte[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = (src[i] & 0xFF) <= threshold ? 0 : (byte) 255;
    }
    GreyImage binary = new GreyImage(image.width(), image.height(), out);
    if (minSpeck > 1) {
      Components.removeSmall(binary, minSpeck);
    }
    return binary;
  }

  /** Share of pixels at or below {@code threshold}. */
  public static double inkShare(GreyImage image, int threshold) {
    int ink = 0;
    for (byte p : image.pixels()) {
      if ((p & 0xFF) <= threshold) {
        ink++;
      }
    }
    return (double) ink / image.pixels().length;
  }

  /** Linear stretch of the levels so that {@code ink} becomes black and {@code paper} white. */
  public static GreyImage stretch(GreyImage image, int ink, int paper) {
    byte[] src = image.pixels();
    byte[] out = new byte[src.length];
    double range = Math.max(1, paper - ink);
    for (int i = 0; i < src.length; i++) {
      int v = (int) Math.round(((src[i] & 0xFF) - ink) * 255 / range);
      out[i] = (byte) Math.max(0, Math.min(255, v));
    }
    return new GreyImage(image.width(), image.height(), out);
  }

  /** The bounding box {x0, y0, x1, y1} (inclusive) of the ink (value 0), or null when there is none. */
  public static int[] inkBounds(GreyImage binary) {
    int w = binary.width();
    int x0 = w, y0 = binary.height(), x1 = -1, y1 = -1;
    byte[] px = binary.pixels();
    for (int y = 0; y < binary.height(); y++) {
      for (int x = 0; x < w; x++) {
        if (px[y * w + x] == 0) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    return x1 < 0 ? null : new int[] {x0, y0, x1, y1};
  }

  /** The part of the image inside {x0, y0, x1, y1} (inclusive). */
  public static GreyImage crop(GreyImage image, int[] box) {
    int w = box[2] - box[0] + 1;
    int h = box[3] - box[1] + 1;
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(image.pixels(), (y + box[1]) * image.width() + box[0], out, y * w, w);
    }
    return new GreyImage(w, h, out);
  }

  /**
   * The grey image where the binary one has ink within {@code reach} pixels, white elsewhere.
   */
  public static GreyImage masked(GreyImage grey, GreyImage binary, int reach) {
    int w = grey.width();
    int h = grey.height();
    byte[] ink = binary.pixels();
    boolean[] near = new boolean[ink.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (ink[y * w + x] == 0) {
          for (int yy = Math.max(0, y - reach); yy <= Math.min(h - 1, y + reach); yy++) {
            for (int xx = Math.max(0, x - reach); xx <= Math.min(w - 1, x + reach); xx++) {
              near[yy * w + xx] = true;
            }
          }
        }
      }
    }
    byte[] out = new byte[ink.length];
    byte[] src = grey.pixels();
    for (int i = 0; i < out.length; i++) {
      out[i] = near[i] ? src[i] : (byte) 255;
    }
    return new GreyImage(w, h, out);
  }

  /** A copy with a white border of {@code px} pixels: Tesseract reads text touching the edge badly. */
  public static GreyImage pad(GreyImage image, int px) {
    int w = image.width() + 2 * px;
    int h = image.height() + 2 * px;
    GreyImage out = GreyImage.blank(w, h);
    for (int y = 0; y < image.height(); y++) {
      System.arraycopy(image.pixels(), y * image.width(), out.pixels(), (y + px) * w + px, image.width());
    }
    return out;
  }
}
