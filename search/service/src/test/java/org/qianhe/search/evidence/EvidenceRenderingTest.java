package org.qianhe.search.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.search.TestProperties;
import org.qianhe.search.TestScans;
import org.qianhe.terminal.simulator.EvidenceSimulator;

/** Watermarking and drawing evidence, in memory, with the limits that keep hostile bytes out. */
class EvidenceRenderingTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-17T02:30:00Z"), ZoneOffset.UTC);

  private final EvidenceRendering rendering = new EvidenceRendering(CLOCK, TestProperties.of(Map.of()));

  @Test
  void aPhotoKeepsItsSizeAndGainsTheTiledMarkAndABandBelow() throws IOException {
    byte[] photo = EvidenceSimulator.photo(7);
    BufferedImage original = ImageIO.read(new ByteArrayInputStream(photo));

    EvidenceImage image = rendering.render(item(EvidenceKind.PHOTO, photo), "zz-officer", "consent c-1");

    assertThat(image.mediaType()).isEqualTo("image/jpeg");
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(image.bytes()));
    assertThat(shown.getWidth()).isEqualTo(original.getWidth());
    assertThat(shown.getHeight()).isGreaterThan(original.getHeight());
    assertThat(Pixels.changedShare(original, shown)).isGreaterThan(0.02);
    assertThat(Pixels.darkShare(shown, original.getHeight())).isGreaterThan(0.5);
  }

  @Test
  void theMarkNamesTheViewerSoTwoViewersGetDifferentImages() throws IOException {
    byte[] signature = EvidenceSimulator.signature(3);

    byte[] one = rendering.render(item(EvidenceKind.SIGNATURE, signature), "zz-officer", "consent c-1").bytes();
    byte[] other = rendering.render(item(EvidenceKind.SIGNATURE, signature), "hn-officer", "consent c-1").bytes();
    byte[] again = rendering.render(item(EvidenceKind.SIGNATURE, signature), "zz-officer", "consent c-1").bytes();

    assertThat(one).isNotEqualTo(other).isEqualTo(again);
  }

  @Test
  void aFingerprintTemplateIsDrawnOnePanelPerView() throws IOException {
    byte[] template = EvidenceSimulator.fingerprint(11);

    EvidenceImage image = rendering.render(item(EvidenceKind.FINGERPRINT, template), "zz-officer", "consent c-1");

    assertThat(image.mediaType()).isEqualTo("image/png");
    BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(image.bytes()));
    assertThat(drawn.getWidth()).isEqualTo(800);
    MinutiaeRendering.Template parsed = MinutiaeRendering.parse(template);
    assertThat(parsed.views()).hasSize(2).allSatisfy(v -> assertThat(v.minutiae()).hasSizeBetween(70, 100));
    assertThat(parsed.views().get(0).minutiae()).allSatisfy(m -> {
      assertThat(m.x()).isBetween(0, 399);
      assertThat(m.y()).isBetween(0, 499);
      assertThat(m.type()).isBetween(1, 2);
    });
  }

  @Test
  void aTruncatedOrForeignTemplateIsRefusedClearly() {
    byte[] template = EvidenceSimulator.fingerprint(11);
    byte[] truncated = Arrays.copyOf(template, template.length - 30);
    ByteBuffer.wrap(truncated).putInt(8, truncated.length); // the length field agrees: the views run out
    byte[] foreign = "not a template at all, just text".getBytes();

    assertThatExceptionOfType(UnshowableEvidenceException.class)
        .isThrownBy(() -> rendering.render(item(EvidenceKind.FINGERPRINT, truncated), "zz-officer", "c"))
        .withMessage("minutiae record ends early");
    assertThatExceptionOfType(UnshowableEvidenceException.class)
        .isThrownBy(() -> rendering.render(item(EvidenceKind.FINGERPRINT, foreign), "zz-officer", "c"))
        .withMessage("not an ISO/IEC 19794-2 finger minutiae record");
  }

  @Test
  void anImageLargerThanTheLimitIsRefusedBeforeItsPixelsAreDecoded() throws IOException {
    EvidenceRendering small = new EvidenceRendering(CLOCK, TestProperties.of(Map.of("qianhe.search.evidence.max-pixels", "1000000")));
    byte[] scan = TestScans.page("B1 box1/1.tiff"); // 1240 x 1754: 2.2 million pixels

    assertThatExceptionOfType(UnshowableEvidenceException.class)
        .isThrownBy(() -> small.render(item(EvidenceKind.SCAN, scan), "zz-officer", "c"))
        .withMessageContaining("1240x1754").withMessageContaining("max-pixels");
    assertThatExceptionOfType(UnshowableEvidenceException.class)
        .isThrownBy(() -> rendering.render(item(EvidenceKind.PHOTO, "plain text".getBytes()), "zz-officer", "c"))
        .withMessage("not an image format this service reads");
    assertThatExceptionOfType(UnshowableEvidenceException.class)
        .isThrownBy(() -> rendering.render(item(EvidenceKind.PHOTO, "GIF89a? no".getBytes()), "zz-officer", "c"))
        .withMessage("the image does not decode (IIOException)");

  }

  /** ImageIO would buffer streams in files of its cache directory if it were used: it is not. */
  @Test
  void nothingIsWrittenToDiskWhileRendering(@TempDir Path cache) throws IOException {
    boolean used = ImageIO.getUseCache();
    File directory = ImageIO.getCacheDirectory();
    ImageIO.setUseCache(true);
    ImageIO.setCacheDirectory(cache.toFile());
    try {
      rendering.render(item(EvidenceKind.PHOTO, EvidenceSimulator.photo(2)), "zz-officer", "c");
      rendering.render(item(EvidenceKind.SCAN, TestScans.page("B1 box1/2.tiff")), "zz-officer", "c");
    } finally {
      ImageIO.setUseCache(used);
      ImageIO.setCacheDirectory(directory);
    }
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files).isEmpty();
    }
  }

  private static EvidenceItem item(EvidenceKind kind, byte[] data) {
    return new EvidenceItem(EvidenceRef.newBuilder().setKind(kind).setEvidenceId("e-" + kind).setDigest("00")
        .setMediaType("image/x").setSizeBytes(data.length).build(), data);
  }

}
