package org.qianhe.paper.synth;

import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.DataBufferInt;
import java.awt.image.Kernel;
import java.util.Random;

/** What a poor scanner adds to a page: focus blur, uneven lighting, sensor noise, dust. */
final class Degrader {

  private static final int TABLE = 1 << 16;

  private Degrader() {}

  static BufferedImage apply(BufferedImage page, ScanStyle style, Random random) {
    BufferedImage out = page;
    if (style.blurSigma() > 0) {
      out = blur(out, style.blurSigma());
    }
    if (style.noiseSigma() > 0 || style.speckles() > 0) {
      noise(out, style, random);
    }
    return out;
  }

  private static BufferedImage blur(BufferedImage page, double sigma) {
    int radius = Math.max(1, (int) Math.ceil(2.5 * sigma));
    float[] weights = new float[2 * radius + 1];
    float sum = 0;
    for (int i = -radius; i <= radius; i++) {
      weights[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += weights[i + radius];
    }
    for (int i = 0; i < weights.length; i++) {
      weights[i] /= sum;
    }
    BufferedImage horizontal = new ConvolveOp(new Kernel(weights.length, 1, weights), ConvolveOp.EDGE_NO_OP, null)
        .filter(page, null);
    return new ConvolveOp(new Kernel(1, weights.length, weights), ConvolveOp.EDGE_NO_OP, null).filter(horizontal, null);
  }

  /** Gaussian sensor noise from a table (a draw per pixel would dominate generation), a lighting gradient, dust. */
  private static void noise(BufferedImage page, ScanStyle style, Random random) {
    float[] gauss = new float[TABLE];
    for (int i = 0; i < TABLE; i++) {
      gauss[i] = (float) (random.nextGaussian() * style.noiseSigma());
    }
    int[] px = ((DataBufferInt) page.getRaster().getDataBuffer()).getData();
    int w = page.getWidth();
    int h = page.getHeight();
    double shadeX = random.nextDouble() * 0.06;
    double shadeY = random.nextDouble() * 0.04;
    int speckleEvery = style.speckles() > 0 ? (int) Math.max(2, 1 / style.speckles()) : Integer.MAX_VALUE;
    long state = random.nextLong() | 1;
    for (int y = 0; y < h; y++) {
      double rowShade = 1 - shadeY * y / h;
      for (int x = 0; x < w; x++) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        int i = y * w + x;
        int p = px[i];
        double shade = rowShade - shadeX * x / w;
        float n = gauss[(int) (state & (TABLE - 1))];
        if (((state >>> 20) & 0x7FFFFFFF) % speckleEvery == 0) {
          px[i] = 0x303030;
          continue;
        }
        int r = clamp((p >> 16 & 0xFF) * shade + n);
        int g = clamp((p >> 8 & 0xFF) * shade + n);
        int b = clamp((p & 0xFF) * shade + n);
        px[i] = r << 16 | g << 8 | b;
      }
    }
  }

  private static int clamp(double v) {
    return v < 0 ? 0 : v > 255 ? 255 : (int) v;
  }
}
