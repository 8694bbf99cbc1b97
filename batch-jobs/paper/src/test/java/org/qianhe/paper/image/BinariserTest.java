package org.qianhe.paper.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BinariserTest {

  @Test
  void otsuSplitsInkFromPaper() {
    GreyImage image = GreyImage.blank(100, 10);
    for (int i = 0; i < 300; i++) {
      image.pixels()[i] = (byte) 60;
    }

    int threshold = Binariser.otsu(image);

    assertThat(threshold).isBetween(60, 254);
    assertThat(Binariser.inkShare(image, threshold)).isEqualTo(0.3);
  }

  @Test
  void specksAndRulesGoStrokesStay() {
    GreyImage binary = GreyImage.blank(200, 40);
    set(binary, 5, 5, 1, 1);        // a speck
    set(binary, 20, 8, 4, 20);      // a stroke
    set(binary, 0, 35, 200, 2);     // an underline

    GreyImage cleaned = Binariser.binarise(binary, 127, 4);
    Components.removeRules(cleaned, 60, 4);

    assertThat(cleaned.get(5, 5)).isEqualTo(255);
    assertThat(cleaned.get(100, 35)).isEqualTo(255);
    assertThat(cleaned.get(21, 10)).isZero();
    assertThat(Binariser.inkBounds(cleaned)).containsExactly(20, 8, 23, 27);
  }

  @Test
  void maskingKeepsGreyNearInkOnly() {
    GreyImage grey = GreyImage.blank(20, 20);
    java.util.Arrays.fill(grey.pixels(), (byte) 180);
    GreyImage ink = GreyImage.blank(20, 20);
    set(ink, 10, 10, 1, 1);

    GreyImage masked = Binariser.masked(grey, ink, 1);

    assertThat(masked.get(11, 11)).isEqualTo(180);
    assertThat(masked.get(2, 2)).isEqualTo(255);
  }

  private static void set(GreyImage image, int x0, int y0, int w, int h) {
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        image.pixels()[y * image.width() + x] = 0;
      }
    }
  }
}
