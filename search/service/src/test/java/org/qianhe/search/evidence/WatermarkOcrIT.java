package org.qianhe.search.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.search.TestProperties;
import org.qianhe.search.TestScans;
import org.qianhe.terminal.simulator.EvidenceSimulator;

/**
 * The watermark is legible: Tesseract (the project's OCR engine, {@code /usr/bin/tesseract})
 * reads the viewer and the time back from the band under a photo, a signature and a scan page.
 */
class WatermarkOcrIT {

  private static final String TESSERACT = "/usr/bin/tesseract";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-17T02:30:00Z"), ZoneOffset.UTC);

  private final EvidenceRendering rendering = new EvidenceRendering(CLOCK, TestProperties.of(Map.of()));

  @Test
  void theBandNamesTheViewerAndTheClinicTime(@TempDir Path dir) throws Exception {
    assertThat(Path.of(TESSERACT)).as("Tesseract, installed by ops/test.sh").exists();
    Map<EvidenceKind, byte[]> pictures = Map.of(EvidenceKind.PHOTO, EvidenceSimulator.photo(5),
        EvidenceKind.SIGNATURE, EvidenceSimulator.signature(5), EvidenceKind.SCAN, TestScans.page("B1 box1/5.tiff"));
    for (Map.Entry<EvidenceKind, byte[]> picture : pictures.entrySet()) {
      int height = ImageIO.read(new ByteArrayInputStream(picture.getValue())).getHeight();
      byte[] shown = rendering.render(item(picture.getKey(), picture.getValue()), "zz-officer", "consent c-5").bytes();
      String read = ocr(band(shown, height), dir);
      assertThat(read).as(picture.getKey() + " band").contains("viewed by zz-officer").contains("2025-06-17 10:30:00");
    }
  }

  /** The band below the picture, where the watermark is on a plain background. */
  private static BufferedImage band(byte[] image, int pictureHeight) throws IOException {
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(image));
    return shown.getSubimage(0, pictureHeight, shown.getWidth(), shown.getHeight() - pictureHeight);
  }

  private static String ocr(BufferedImage image, Path dir) throws Exception {
    Path png = Files.createTempFile(dir, "band", ".png");
    ImageIO.write(image, "png", png.toFile());
    Process tesseract = new ProcessBuilder(TESSERACT, png.toString(), "stdout").redirectErrorStream(false).start();
    byte[] out = tesseract.getInputStream().readAllBytes();
    assertThat(tesseract.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static EvidenceItem item(EvidenceKind kind, byte[] data) {
    return new EvidenceItem(EvidenceRef.newBuilder().setKind(kind).setEvidenceId("e-" + kind).setDigest("00")
        .setMediaType("image/x").setSizeBytes(data.length).build(), data);
  }
}
