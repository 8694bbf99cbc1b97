package org.qianhe.paper.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.qianhe.paper.form.FormTemplate;

/**
 * Finds the form's four solid corner marks on a scan and fits the map from form millimetres to
 * scan pixels: the scan's rotation (deskew angle), resolution and offset in one step. Marks are
 * searched on a copy reduced to about 2.5 px/mm, then measured at full resolution. Three marks are
 * enough (a corner torn off or covered); with fewer the caller falls back to the QR code.
 */
public final class Registration {

  /** How the page was registered. */
  public enum Method { MARKS, BARCODE }

  /**
   * A registered page.
   *
   * @param paper grey level of the paper, @param ink grey level of printed ink (from the marks)
   */
  public record Result(AffineMap map, Method method, int marksFound, int paper, int ink) {}

  private static final double SEARCH_MM = 32;
  private static final double MAX_ANGLE_DEGREES = 10;

  private Registration() {}

  public static Optional<Result> byMarks(GreyImage page, FormTemplate form) {
    double s0 = Math.min(page.width() / form.widthMm(), page.height() / form.heightMm());
    int k = Math.max(1, (int) Math.floor(s0 / 2.5));
    GreyImage small = downsample(page, k);
    int[] histogram = histogram(small);
    int paper = percentile(histogram, small.pixels().length, 0.5);
    int threshold = Binariser.otsu(histogram, small.pixels().length);
    GreyImage binary = Binariser.binarise(small, threshold, 0);
    double sPx = s0 / k;
    double side = form.markSizeMm() * sPx;
    List<double[]> formPoints = new ArrayList<>();
    List<double[]> scanPoints = new ArrayList<>();
    List<Integer> inkLevels = new ArrayList<>();
    for (double[] centre : form.marks()) {
      Optional<Components.Blob> blob = findMark(binary, centre[0] * sPx, centre[1] * sPx, side, SEARCH_MM * sPx);
      if (blob.isEmpty()) {
        continue;
      }
      double[] refined = refine(page, blob.get(), k, inkLevels);
      formPoints.add(centre);
      scanPoints.add(refined);
    }
    if (formPoints.size() < 3) {
      return Optional.empty();
    }
    AffineMap map = AffineMap.fit(formPoints, scanPoints);
    if (map == null || !plausible(map, s0) || map.worstResidual(formPoints, scanPoints) > 1.0 * s0) {
      return Optional.empty();
    }
    int ink = inkLevels.stream().mapToInt(Integer::intValue).sorted().toArray()[inkLevels.size() / 2];
    return Optional.of(new Result(map, Method.MARKS, formPoints.size(), paper, Math.min(ink, paper - 1)));
  }

  /** Registers by three known points (the QR finder centres), when the marks are lost. */
  public static Optional<Result> byPoints(GreyImage page, FormTemplate form, List<double[]> formPoints, List<double[]> scanPoints) {
    AffineMap map = AffineMap.fit(formPoints, scanPoints);
    double s0 = Math.min(page.width() / form.widthMm(), page.height() / form.heightMm());
    if (map == null || !plausible(map, s0)) {
      return Optional.empty();
    }
    int k = Math.max(1, (int) Math.floor(s0 / 2.5));
    GreyImage small = downsample(page, k);
    int[] histogram = histogram(small);
    int paper = percentile(histogram, small.pixels().length, 0.5);
    int ink = percentile(histogram, small.pixels().length, 0.01);
    return Optional.of(new Result(map, Method.BARCODE, 0, paper, Math.min(ink, paper - 1)));
  }

  /** A real scan of the form: little rotation, square pixels, about the resolution the page size says. */
  static boolean plausible(AffineMap map, double expectedScale) {
    double ratio = map.scaleX() / map.scaleY();
    double skew = Math.abs(map.a() * map.b() + map.d() * map.e()) / (map.scaleX() * map.scaleY());
    return Math.abs(map.angleDegrees()) <= MAX_ANGLE_DEGREES && ratio > 0.95 && ratio < 1.05 && skew < 0.05
        && map.scaleX() > 0.7 * expectedScale && map.scaleX() < 1.3 * expectedScale;
  }

  private static Optional<Components.Blob> findMark(GreyImage binary, double ex, double ey, double side, double search) {
    List<Components.Blob> blobs = Components.find(binary, (int) (ex - search), (int) (ey - search),
        (int) Math.ceil(ex + search), (int) Math.ceil(ey + search));
    Components.Blob best = null;
    double bestDistance = Double.MAX_VALUE;
    for (Components.Blob b : blobs) {
      boolean sized = b.width() >= 0.6 * side && b.width() <= 1.6 * side
          && b.height() >= 0.6 * side && b.height() <= 1.6 * side;
      if (!sized || b.fill() < 0.7 || b.area() < 0.5 * side * side) {
        continue;
      }
      double distance = Math.hypot(b.cx() - ex, b.cy() - ey);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = b;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Centre of the mark's ink at full resolution, and its ink level. */
  private static double[] refine(GreyImage page, Components.Blob blob, int k, List<Integer> inkLevels) {
    int margin = Math.max(2, blob.width() / 4) * k;
    int x0 = Math.max(0, blob.minX() * k - margin);
    int y0 = Math.max(0, blob.minY() * k - margin);
    int x1 = Math.min(page.width(), (blob.maxX() + 1) * k + margin);
    int y1 = Math.min(page.height(), (blob.maxY() + 1) * k + margin);
    int[] histogram = new int[256];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        histogram[page.get(x, y)]++;
      }
    }
    int threshold = Binariser.otsu(histogram, (long) (x1 - x0) * (y1 - y0));
    double sx = 0, sy = 0;
    long n = 0;
    int[] inkHistogram = new int[256];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        int v = page.get(x, y);
        if (v <= threshold) {
          sx += x + 0.5;
          sy += y + 0.5;
          n++;
          inkHistogram[v]++;
        }
      }
    }
    inkLevels.add(percentile(inkHistogram, n, 0.5));
    return n == 0 ? new double[] {blob.cx() * k, blob.cy() * k} : new double[] {sx / n, sy / n};
  }

  static GreyImage downsample(GreyImage page, int k) {
    if (k == 1) {
      return page;
    }
    int w = page.width() / k;
    int h = page.height() / k;
    byte[] out = new byte[w * h];
    byte[] src = page.pixels();
    int pw = page.width();
    int area = k * k;
    int[] sums = new int[w];
    for (int y = 0; y < h; y++) {
      java.util.Arrays.fill(sums, 0);
      for (int dy = 0; dy < k; dy++) {
        int row = (y * k + dy) * pw;
        for (int x = 0; x < w; x++) {
          int base = row + x * k;
          int s = 0;
          for (int dx = 0; dx < k; dx++) {
            s += src[base + dx] & 0xFF;
          }
          sums[x] += s;
        }
      }
      for (int x = 0; x < w; x++) {
        out[y * w + x] = (byte) (sums[x] / area);
      }
    }
    return new GreyImage(w, h, out);
  }

  static int[] histogram(GreyImage image) {
    int[] histogram = new int[256];
    for (byte p : image.pixels()) {
      histogram[p & 0xFF]++;
    }
    return histogram;
  }

  static int percentile(int[] histogram, long total, double share) {
    long target = (long) Math.ceil(total * share);
    long seen = 0;
    for (int i = 0; i < 256; i++) {
      seen += histogram[i];
      if (seen >= target && seen > 0) {
        return i;
      }
    }
    return 255;
  }
}
