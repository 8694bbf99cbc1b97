package org.qianhe.paper.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.paper.barcode.FormCode;
import org.qianhe.paper.barcode.QrCodes;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.synth.FormData;
import org.qianhe.paper.synth.FormRenderer;
import org.qianhe.paper.synth.ScanStyle;
import org.qianhe.terminal.simulator.ConsentGenerator;

class RegistrationTest {

  private final FormTemplate form = FormTemplate.standard();
  private final FormData data = FormData.of(new ConsentGenerator(5, Instant.parse("2024-06-01T00:00:00Z")).next(), 1,
      CodeLists.bundled().regions());

  @Test
  void theCornerMarksGiveTheScansRotationAndResolution() {
    ScanStyle style = new ScanStyle(240, 2.7, 3, -2.5, 235, 40, 40, false, 0, 0, 0, 0.9f, true);
    BufferedImage scan = new FormRenderer(form).render(data, style, new Random(1));

    Registration.Result result = Registration.byMarks(GreyImage.redChannel(scan), form).orElseThrow();

    assertThat(result.method()).isEqualTo(Registration.Method.MARKS);
    assertThat(result.marksFound()).isEqualTo(4);
    assertThat(result.map().angleDegrees()).isCloseTo(2.7, within(0.05));
    assertThat(result.map().dpi()).isCloseTo(240, within(1.0));
    // the form's origin lands where the renderer put it: rotated about the page centre, then shifted
    assertThat(result.paper()).isGreaterThan(200);
    assertThat(result.ink()).isLessThan(100);
  }

  @Test
  void withTwoMarksLostTheQrCodesFinderPatternsRegisterThePage() {
    ScanStyle style = new ScanStyle(300, -1.5, 0, 0, 250, 20, 20, false, 0, 0, 0, 0.9f, false);
    BufferedImage scan = new FormRenderer(form).render(data, style, new Random(2));
    Graphics2D g = scan.createGraphics();
    g.setColor(Color.WHITE);
    int corner = (int) (25 * 300 / 25.4);
    g.fillRect(0, 0, corner, corner);                           // both top corners torn off, marks gone
    g.fillRect(scan.getWidth() - corner, 0, corner, corner);
    g.dispose();
    GreyImage grey = GreyImage.redChannel(scan);

    assertThat(Registration.byMarks(grey, form)).isEmpty();
    QrCodes.Decoded code = QrCodes.decode(grey).orElseThrow();
    Optional<Registration.Result> byCode = Registration.byPoints(grey, form, form.qrFinderCentres(), code.finders());

    assertThat(FormCode.parse(form.barcodePrefix(), code.text())).isPresent();
    assertThat(byCode).hasValueSatisfying(r -> {
      assertThat(r.method()).isEqualTo(Registration.Method.BARCODE);
      assertThat(r.map().angleDegrees()).isCloseTo(-1.5, within(0.3));
      assertThat(r.map().dpi()).isCloseTo(300, within(6.0));
    });
  }

  @Test
  void aBlankPageIsNotRegistered() {
    assertThat(Registration.byMarks(GreyImage.blank(2480, 3508), form)).isEmpty();
  }
}
