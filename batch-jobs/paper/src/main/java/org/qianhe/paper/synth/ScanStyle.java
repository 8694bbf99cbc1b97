package org.qianhe.paper.synth;

import java.util.Random;

/**
 * How one synthetic page is printed and scanned.
 *
 * @param dpi          scan resolution
 * @param angleDegrees rotation of the paper on the scanner glass
 * @param shiftXMm     offset of the paper, mm (with shiftYMm)
 * @param paper        paper grey level (255 white)
 * @param formInk      grey level of the pre-printed form
 * @param valueInk     grey level of the printed values (a worn printer ribbon prints faded)
 * @param serifValues  values printed in a Song (serif) face rather than a Hei (sans) one
 * @param blurSigma    focus blur, in pixels (0 for none)
 * @param noiseSigma   sensor noise, grey levels (0 for none)
 * @param speckles     share of pixels turned into dust specks
 * @param jpegQuality  quality for JPEG output (also inside PDFs of noisy scans)
 */
public record ScanStyle(int dpi, double angleDegrees, double shiftXMm, double shiftYMm, int paper, int formInk,
    int valueInk, boolean serifValues, double blurSigma, double noiseSigma, double speckles, float jpegQuality,
    boolean noisy) {

  /** A good flatbed scan: 300 dpi, paper nearly straight, no noise. */
  public static ScanStyle clean(Random random) {
    return new ScanStyle(300, uniform(random, -0.5, 0.5), uniform(random, -2, 2), uniform(random, -2, 2),
        250 + random.nextInt(6), 10 + random.nextInt(20), 10 + random.nextInt(20), random.nextBoolean(),
        0, 0, 0, 0.95f, false);
  }

  /**
   * A poor batch scan: 200 to 300 dpi, rotated up to ±3°, shifted up to 4 mm, noise, focus blur,
   * faded print on yellowed paper.
   */
  public static ScanStyle noisy(Random random) {
    int[] dpis = {200, 240, 300};
    boolean faded = random.nextInt(3) == 0;
    return new ScanStyle(dpis[random.nextInt(dpis.length)], uniform(random, -3, 3), uniform(random, -4, 4),
        uniform(random, -4, 4), 215 + random.nextInt(30), 20 + random.nextInt(50),
        faded ? 110 + random.nextInt(40) : 20 + random.nextInt(50), random.nextBoolean(),
        uniform(random, 0.4, 1.1), uniform(random, 4, 14), uniform(random, 0, 0.002),
        (float) uniform(random, 0.6, 0.85), true);
  }

  private static double uniform(Random random, double from, double to) {
    return from + random.nextDouble() * (to - from);
  }
}
