package org.qianhe.paper.image;

import java.util.List;

/**
 * Where a point of the form (mm) lands on the scan (px): {@code x = a·u + b·v + c, y = d·u + e·v + f}.
 * Fitted to the registration marks, it carries the scan's rotation, scale (dpi) and offset, so
 * regions are cut out deskewed without rotating the whole page.
 */
public record AffineMap(double a, double b, double c, double d, double e, double f) {

  public double x(double u, double v) {
    return a * u + b * v + c;
  }

  public double y(double u, double v) {
    return d * u + e * v + f;
  }

  /** Rotation of the scan, degrees, positive clockwise on screen. */
  public double angleDegrees() {
    return Math.toDegrees(Math.atan2(d, a));
  }

  /** Pixels per millimetre along the form's width. */
  public double scaleX() {
    return Math.hypot(a, d);
  }

  /** Pixels per millimetre along the form's height. */
  public double scaleY() {
    return Math.hypot(b, e);
  }

  /** Scan resolution implied by the map (dots per inch). */
  public double dpi() {
    return (scaleX() + scaleY()) / 2 * 25.4;
  }

  /** The same map after the scan is scaled by {@code factor} (e.g. for a downsampled copy). */
  public AffineMap scaled(double factor) {
    return new AffineMap(a * factor, b * factor, c * factor, d * factor, e * factor, f * factor);
  }

  /**
   * Least-squares affine map from form points to scan points (at least three, not on one line).
   *
   * @return the map, or null when the points are degenerate
   */
  public static AffineMap fit(List<double[]> form, List<double[]> scan) {
    if (form.size() != scan.size() || form.size() < 3) {
      throw new IllegalArgumentException("an affine map needs at least three point pairs");
    }
    // Normal equations of [u v 1]·[a b c]ᵀ = x (and the same for y): a 3x3 system.
    double[][] m = new double[3][3];
    double[] rx = new double[3];
    double[] ry = new double[3];
    for (int i = 0; i < form.size(); i++) {
      double[] row = {form.get(i)[0], form.get(i)[1], 1};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          m[r][c] += row[r] * row[c];
        }
        rx[r] += row[r] * scan.get(i)[0];
        ry[r] += row[r] * scan.get(i)[1];
      }
    }
    double[] px = solve(m, rx);
    double[] py = solve(m, ry);
    if (px == null || py == null) {
      return null;
    }
    return new AffineMap(px[0], px[1], px[2], py[0], py[1], py[2]);
  }

  /** The largest distance (px) between a mapped form point and its scan point. */
  public double worstResidual(List<double[]> form, List<double[]> scan) {
    double worst = 0;
    for (int i = 0; i < form.size(); i++) {
      double[] u = form.get(i);
      worst = Math.max(worst, Math.hypot(x(u[0], u[1]) - scan.get(i)[0], y(u[0], u[1]) - scan.get(i)[1]));
    }
    return worst;
  }

  private static double[] solve(double[][] m, double[] r) {
    double det = det3(m);
    if (Math.abs(det) < 1e-9) {
      return null;
    }
    double[] out = new double[3];
    for (int col = 0; col < 3; col++) {
      double[][] k = {m[0].clone(), m[1].clone(), m[2].clone()};
      for (int row = 0; row < 3; row++) {
        k[row][col] = r[row];
      }
      out[col] = det3(k) / det;
    }
    return out;
  }

  private static double det3(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }
}
