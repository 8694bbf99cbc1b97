package org.qianhe.search.evidence;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.search.system.SearchProperties;
import org.springframework.stereotype.Component;

/**
 * Turns decrypted evidence into what a viewer may see: photos and scan pages as watermarked
 * JPEG, signature images and drawn fingerprint templates as watermarked PNG. The watermark names
 * the viewer, the time (clinics' clock) and what was viewed. Everything happens in memory.
 */
@Component
public class EvidenceRendering {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(ConsentValidator.CLINIC_ZONE);

  private final Clock clock;
  private final long maxPixels;
  private final float jpegQuality;

  EvidenceRendering(Clock clock, SearchProperties properties) {
    this.clock = clock;
    this.maxPixels = properties.evidence().maxPixels();
    this.jpegQuality = properties.evidence().jpegQuality();
  }

  /**
   * The item watermarked for {@code viewer}; {@code subject} (a consent or review id) goes into the
   * band under the image.
   *
   * @throws IOException when the bytes are not an image (or template) that can be shown
   */
  public EvidenceImage render(EvidenceItem item, String viewer, String subject) throws IOException {
    EvidenceKind kind = item.ref().getKind();
    BufferedImage picture = kind == EvidenceKind.FINGERPRINT
        ? MinutiaeRendering.render(item.data())
        : Images.decode(item.data(), maxPixels);
    BufferedImage marked = Watermark.apply(picture, List.of(
        "viewed by " + viewer + " " + TIME.format(clock.instant()),
        subject + " " + kind));
    boolean photographic = kind == EvidenceKind.PHOTO || kind == EvidenceKind.SCAN;
    return photographic
        ? new EvidenceImage(kind.name(), item.ref().getEvidenceId(), "image/jpeg", Images.jpeg(marked, jpegQuality))
        : new EvidenceImage(kind.name(), item.ref().getEvidenceId(), "image/png", Images.png(marked));
  }
}
