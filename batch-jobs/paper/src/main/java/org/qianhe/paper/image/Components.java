package org.qianhe.paper.image;

import java.util.ArrayList;
import java.util.List;

/** Connected groups of ink pixels (4-neighbourhood) in a black-and-white image. */
public final class Components {

  /** One group: its bounding box (inclusive), pixel count and centre of mass. */
  public record Blob(int minX, int minY, int maxX, int maxY, int area, double cx, double cy) {
    public int width() {
      return maxX - minX + 1;
    }

    public int height() {
      return maxY - minY + 1;
    }

    /** Share of the bounding box that is ink: 1 for a solid upright square. */
    public double fill() {
      return (double) area / ((long) width() * height());
    }
  }

  private Components() {}

  /** Every group of pixels with value 0 inside the window. */
  public static List<Blob> find(GreyImage binary, int x0, int y0, int x1, int y1) {
    int w = binary.width();
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(w, x1);
    y1 = Math.min(binary.height(), y1);
    int ww = x1 - x0;
    int wh = y1 - y0;
    List<Blob> blobs = new ArrayList<>();
    if (ww <= 0 || wh <= 0) {
      return blobs;
    }
    boolean[] seen = new boolean[ww * wh];
    int[] stack = new int[ww * wh];
    byte[] px = binary.pixels();
    for (int sy = 0; sy < wh; sy++) {
      for (int sx = 0; sx < ww; sx++) {
        int start = sy * ww + sx;
        if (seen[start] || px[(sy + y0) * w + sx + x0] != 0) {
          continue;
        }
        int top = 0;
        stack[top++] = start;
        seen[start] = true;
        int minX = sx, maxX = sx, minY = sy, maxY = sy, area = 0;
        double sumX = 0, sumY = 0;
        while (top > 0) {
          int p = stack[--top];
          int x = p % ww;
          int y = p / ww;
          area++;
          sumX += x;
          sumY += y;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
          int[] next = {x > 0 ? p - 1 : -1, x < ww - 1 ? p + 1 : -1, y > 0 ? p - ww : -1, y < wh - 1 ? p + ww : -1};
          for (int q : next) {
            if (q >= 0 && !seen[q] && px[(q / ww + y0) * w + q % ww + x0] == 0) {
              seen[q] = true;
              stack[top++] = q;
            }
          }
        }
        blobs.add(new Blob(minX + x0, minY + y0, maxX + x0, maxY + y0, area,
            sumX / area + x0 + 0.5, sumY / area + y0 + 0.5));
      }
    }
    return blobs;
  }

  /**
   * Whitens, in place, every group at least {@code minWidth} wide and at most {@code maxHeight}
   * high: an underline or box edge (even slightly slanted), never a character.
   */
  public static void removeRules(GreyImage binary, int minWidth, int maxHeight) {
    byte[] px = binary.pixels();
    int w = binary.width();
    for (Blob blob : find(binary, 0, 0, w, binary.height())) {
      if (blob.width() >= minWidth && blob.height() <= maxHeight) {
        for (int y = blob.minY(); y <= blob.maxY(); y++) {
          for (int x = blob.minX(); x <= blob.maxX(); x++) {
            px[y * w + x] = (byte) 255;
          }
        }
      }
    }
  }

  /** Whitens every group smaller than {@code minArea} pixels, in place. */
  static void removeSmall(GreyImage binary, int minArea) {
    byte[] px = binary.pixels();
    int w = binary.width();
    int h = binary.height();
    boolean[] seen = new boolean[px.length];
    int[] queue = new int[px.length];
    for (int start = 0; start < px.length; start++) {
      if (seen[start] || px[start] != 0) {
        continue;
      }
      // breadth-first: queue[0..tail) ends up holding exactly this group's pixels
      int head = 0;
      int tail = 0;
      queue[tail++] = start;
      seen[start] = true;
      while (head < tail) {
        int p = queue[head++];
        int x = p % w;
        int y = p / w;
        int[] next = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
        for (int q : next) {
          if (q >= 0 && !seen[q] && px[q] == 0) {
            seen[q] = true;
            queue[tail++] = q;
          }
        }
      }
      if (tail < minArea) {
        for (int i = 0; i < tail; i++) {
          px[queue[i]] = (byte) 255;
        }
      }
    }
  }
}
