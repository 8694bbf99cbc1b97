package org.qianhe.paper.barcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import org.junit.jupiter.api.Test;
import org.qianhe.paper.image.GreyImage;

class QrCodesTest {

  @Test
  void aFormCodeSurvivesEncodingAndDecoding() {
    FormCode code = new FormCode("410105001-000042", "41010520200101003X");
    BitMatrix modules = QrCodes.encode(code.encode("QHPF1"), 3);
    assertThat(modules.getWidth()).isEqualTo(29);

    GreyImage image = GreyImage.blank(29 * 6 + 60, 29 * 6 + 60);
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int mx = (x - 30) / 6;
        int my = (y - 30) / 6;
        if (x >= 30 && y >= 30 && mx < 29 && my < 29 && modules.get(mx, my)) {
          image.pixels()[y * image.width() + x] = 0;
        }
      }
    }

    QrCodes.Decoded decoded = QrCodes.decode(image).orElseThrow();

    assertThat(FormCode.parse("QHPF1", decoded.text())).contains(code);
    assertThat(decoded.finders()).hasSize(3);
    assertThat(decoded.finders().get(0)[0]).isCloseTo(30 + 3.5 * 6, org.assertj.core.api.Assertions.within(2.0));
  }

  @Test
  void otherCodesAndBlankImagesGiveNothing() {
    assertThat(FormCode.parse("QHPF1", "https://example.org")).isEmpty();
    assertThat(FormCode.parse("QHPF1", "QHPF1||x")).isEmpty();
    assertThat(QrCodes.decode(GreyImage.blank(200, 200))).isEmpty();
  }

  @Test
  void theChildIdNeverAppearsInTheCodesToString() {
    assertThat(new FormCode("410105001-000042", "41010520200101003X").toString()).doesNotContain("41010520200101003X");
  }
}
