package org.qianhe.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.scan.ManifestEntry;
import org.qianhe.paper.scan.ScanPage;
import org.qianhe.paper.synth.FormData;
import org.qianhe.paper.synth.FormRenderer;
import org.qianhe.paper.synth.ScanStyle;
import org.qianhe.terminal.simulator.ConsentGenerator;

/** Reading single rendered pages with the real Tesseract (Debian: tesseract-ocr, tesseract-ocr-chi-sim). */
class PageReaderTest {

  private static PageReader reader;
  private final FormTemplate form = FormTemplate.standard();
  private final ScanStyle clean = new ScanStyle(300, 0.4, 1, -1, 252, 20, 20, false, 0, 0, 0, 0.9f, false);

  @BeforeAll
  static void start() {
    reader = new PageReader(PaperConfig.defaults().with(PaperConfig.Key.ENGINES, 1));
  }

  @AfterAll
  static void stop() {
    reader.close();
  }

  @Test
  void aCleanPageIsReadFieldByFieldWithItsEvidence() {
    FormData data = form(11);

    PageResult result = reader.read(new ScanPage("a.png", 1, render(data)), Optional.empty());

    assertThat(result.geometry().method()).isEqualTo("MARKS");
    assertThat(result.geometry().angleDegrees()).isBetween(0.3, 0.5);
    for (Map.Entry<String, String> field : data.fields().entrySet()) {
      if (!field.getKey().endsWith("Name")) { // Chinese names may go to review; they are checked by the accuracy test
        assertThat(result.value(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
      }
    }
    assertThat(result.value("decision")).isEqualTo(data.checks().get("decision"));
    assertThat(result.value("sex")).isEqualTo(data.checks().get("sex"));
    assertThat(result.evidence().signed()).isTrue();
    assertThat(result.evidence().signaturePng()).startsWith((byte) 0x89, (byte) 'P');
    assertThat(result.evidence().pageImageMediaType()).isEqualTo("image/jpeg");
    assertThat(result.toString()).doesNotContain(data.field("childId"), data.field("guardianPhone"));
  }

  @Test
  void aManifestThatDisagreesSendsThePageToReviewWithTheFieldNamed() {
    FormData data = form(12);
    ManifestEntry mistyped = new ManifestEntry("a.png", "B01", 1, Map.of("lotNumber", data.field("lotNumber") + "9"));

    PageResult result = reader.read(new ScanPage("a.png", 1, render(data)), Optional.of(mistyped));

    assertThat(result.decision()).isEqualTo(Decision.REVIEW);
    assertThat(result.reviewReasons()).contains(new ReviewReason("DISAGREES", "lotNumber"));
  }

  @Test
  void anUnsignedConsentGoesToReviewForItsMissingEvidence() {
    FormData data = form(13);
    FormData unsigned = new FormData(data.fields(), Map.of("sex", "MALE", "relation", "MOTHER", "decision", "CONSENTED",
        "screening.FEVER", "NO", "screening.ALLERGY", "NO", "screening.IMMUNODEFICIENCY", "NO",
        "screening.RECENT_ILLNESS", "NO", "screening.PRIOR_REACTION", "NO"), data.siteName(), false);

    PageResult result = reader.read(new ScanPage("a.png", 1, render(unsigned)), Optional.empty());

    assertThat(result.evidence().signed()).isFalse();
    assertThat(result.decision()).isEqualTo(Decision.REVIEW);
    assertThat(result.reviewReasons()).extracting(ReviewReason::code).contains("RULE_EVIDENCE_MISSING");
  }

  @Test
  void aPageThatIsNotTheFormGoesToReviewAsNotRegistered() {
    BufferedImage letter = new BufferedImage(2480, 3508, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = letter.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 2480, 3508);
    g.dispose();

    PageResult result = reader.read(new ScanPage("letter.png", 1, letter), Optional.empty());

    assertThat(result.decision()).isEqualTo(Decision.REVIEW);
    assertThat(result.reviewReasons()).containsExactly(new ReviewReason(ReviewReason.NOT_REGISTERED, ""));
    assertThat(result.geometry().registered()).isFalse();
  }

  private FormData form(long seed) {
    return FormData.of(new ConsentGenerator(seed, Instant.parse("2024-06-01T00:00:00Z")).next(), (int) seed,
        CodeLists.bundled().regions());
  }

  private BufferedImage render(FormData data) {
    return new FormRenderer(form).render(data, clean, new Random(3));
  }
}
