package org.qianhe.paper.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AffineMapTest {

  @Test
  void fittingFourMarksRecoversRotationResolutionAndOffset() {
    double angle = Math.toRadians(2.5);
    double scale = 240 / 25.4;
    List<double[]> form = List.of(new double[] {12, 12}, new double[] {198, 12}, new double[] {12, 285}, new double[] {198, 285});
    List<double[]> scan = new ArrayList<>();
    for (double[] p : form) {
      scan.add(new double[] {scale * (Math.cos(angle) * p[0] - Math.sin(angle) * p[1]) + 40,
          scale * (Math.sin(angle) * p[0] + Math.cos(angle) * p[1]) - 17});
    }

    AffineMap map = AffineMap.fit(form, scan);

    assertThat(map.angleDegrees()).isCloseTo(2.5, within(1e-6));
    assertThat(map.dpi()).isCloseTo(240, within(1e-6));
    assertThat(map.worstResidual(form, scan)).isLessThan(1e-6);
    assertThat(map.x(0, 0)).isCloseTo(40, within(1e-6));
  }

  @Test
  void pointsOnOneLineGiveNoMap() {
    List<double[]> line = List.of(new double[] {0, 0}, new double[] {1, 1}, new double[] {2, 2});

    assertThat(AffineMap.fit(line, line)).isNull();
  }

  @Test
  void aShearedOrStretchedMapIsNotAScan() {
    assertThat(Registration.plausible(new AffineMap(10, 0, 0, 0, 10, 0), 10)).isTrue();
    assertThat(Registration.plausible(new AffineMap(10, 0, 0, 0, 12, 0), 10)).isFalse();
    assertThat(Registration.plausible(new AffineMap(10, 3, 0, 0, 10, 0), 10)).isFalse();
    assertThat(Registration.plausible(new AffineMap(20, 0, 0, 0, 20, 0), 10)).isFalse();
  }
}
