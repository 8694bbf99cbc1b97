package org.qianhe.paper.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.util.Random;
import org.qianhe.paper.form.Box;

/** Pen marks: ticks in boxes and a scribbled signature, never twice the same. Units: mm. */
final class Handwriting {

  private Handwriting() {}

  static Color pen(Random random) {
    return random.nextInt(3) == 0 ? new Color(25, 25, 30) : new Color(20 + random.nextInt(20), 35 + random.nextInt(20), 110 + random.nextInt(50));
  }

  /** A tick (or now and then a cross) over a box, overshooting it as people do. */
  static void tick(Graphics2D g, Box box, Random random, Color pen) {
    g.setColor(pen);
    g.setStroke(new BasicStroke((float) (0.4 + random.nextDouble() * 0.2), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    double x = box.x();
    double y = box.y();
    double s = box.w();
    Path2D.Double path = new Path2D.Double();
    if (random.nextInt(6) == 0) {
      path.moveTo(x + 0.5 + j(random), y + 0.5 + j(random));
      path.lineTo(x + s - 0.5 + j(random), y + s - 0.5 + j(random));
      path.moveTo(x + s - 0.5 + j(random), y + 0.5 + j(random));
      path.lineTo(x + 0.5 + j(random), y + s - 0.5 + j(random));
    } else {
      path.moveTo(x + 0.6 + j(random), y + s * 0.5 + j(random));
      path.lineTo(x + s * 0.42 + j(random), y + s * 0.9 + j(random));
      path.lineTo(x + s * 1.15 + j(random), y - s * 0.2 + j(random));
    }
    g.draw(path);
  }

  /** Two to four scribbled "characters" and a flourish, inside the signature box. */
  static void signature(Graphics2D g, Box box, Random random, Color pen) {
    g.setColor(pen);
    int chars = 2 + random.nextInt(3);
    double cell = Math.min(11, (box.w() - 8) / chars);
    double x = box.x() + 4 + random.nextDouble() * 4;
    double base = box.y() + box.h() * 0.55;
    for (int c = 0; c < chars; c++, x += cell * (0.85 + random.nextDouble() * 0.3)) {
      g.setStroke(new BasicStroke((float) (0.35 + random.nextDouble() * 0.25), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      int strokes = 3 + random.nextInt(4);
      for (int s = 0; s < strokes; s++) {
        double x0 = x + random.nextDouble() * cell;
        double y0 = base - cell * 0.5 + random.nextDouble() * cell;
        double x1 = x + random.nextDouble() * cell;
        double y1 = base - cell * 0.5 + random.nextDouble() * cell;
        g.draw(new CubicCurve2D.Double(x0, y0, x + random.nextDouble() * cell, base - cell * 0.6 + random.nextDouble() * cell,
            x + random.nextDouble() * cell, base - cell * 0.6 + random.nextDouble() * cell, x1, y1));
      }
    }
    g.draw(new CubicCurve2D.Double(box.x() + 3, base + 3, box.x() + box.w() * 0.4, base + 6 + j(random) * 4,
        box.x() + box.w() * 0.7, base - 2, Math.min(x, box.x() + box.w() - 2), base + 1));
  }

  private static double j(Random random) {
    return (random.nextDouble() - 0.5) * 0.8;
  }
}
