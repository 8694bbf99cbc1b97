package org.qianhe.paper.image;

import java.awt.image.BufferedImage;
import org.qianhe.paper.form.Box;

/**
 * Cuts a region of the form out of a scan through the registration map, resampled (bilinear) to a
 * chosen resolution: deskewing, scaling to the resolution OCR likes and cropping in one pass over
 * the region's pixels only.
 */
public final class RegionSampler {

  private RegionSampler() {}

  public static GreyImage grey(GreyImage page, AffineMap map, Box box, double pxPerMm) {
    int w = Math.max(1, (int) Math.round(box.w() * pxPerMm));
    int h = Math.max(1, (int) Math.round(box.h() * pxPerMm));
    byte[] out = new byte[w * h];
    byte[] src = page.pixels();
    int pw = page.width();
    int ph = page.height();
    double step = 1 / pxPerMm;
    for (int j = 0; j < h; j++) {
      double v = box.y() + (j + 0.5) * step;
      double u0 = box.x() + 0.5 * step;
      double x = map.x(u0, v);
      double y = map.y(u0, v);
      double dx = map.a() * step;
      double dy = map.d() * step;
      int row = j * w;
      for (int i = 0; i < w; i++, x += dx, y += dy) {
        out[row + i] = (byte) bilinear(src, pw, ph, x - 0.5, y - 0.5);
      }
    }
    return new GreyImage(w, h, out);
  }

  /** The region in colour at the scan's own resolution, deskewed: evidence (the signature). */
  public static BufferedImage colour(BufferedImage page, AffineMap map, Box box) {
    double pxPerMm = (map.scaleX() + map.scaleY()) / 2;
    int w = Math.max(1, (int) Math.round(box.w() * pxPerMm));
    int h = Math.max(1, (int) Math.round(box.h() * pxPerMm));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int pw = page.getWidth();
    int ph = page.getHeight();
    int[] row = new int[w];
    for (int j = 0; j < h; j++) {
      double v = box.y() + (j + 0.5) / pxPerMm;
      for (int i = 0; i < w; i++) {
        double u = box.x() + (i + 0.5) / pxPerMm;
        int x = (int) Math.floor(map.x(u, v));
        int y = (int) Math.floor(map.y(u, v));
        row[i] = x >= 0 && y >= 0 && x < pw && y < ph ? page.getRGB(x, y) : 0xFFFFFF;
      }
      out.setRGB(0, j, w, 1, row, 0, w);
    }
    return out;
  }

  private static int bilinear(byte[] src, int w, int h, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
      return x0 >= 0 && y0 >= 0 && x0 < w && y0 < h ? src[y0 * w + x0] & 0xFF : 255;
    }
    double fx = x - x0;
    double fy = y - y0;
    int i = y0 * w + x0;
    double top = (src[i] & 0xFF) * (1 - fx) + (src[i + 1] & 0xFF) * fx;
    double bottom = (src[i + w] & 0xFF) * (1 - fx) + (src[i + w + 1] & 0xFF) * fx;
    return (int) Math.round(top * (1 - fy) + bottom * fy);
  }
}
