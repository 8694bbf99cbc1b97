package org.qianhe.ingest.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuite;

/** Evidence as terminals send it: a JPEG photo and an ISO 19794-2 fingerprint template. */
final class TestEvidence {

  /** JPEG start of image and JFIF header: 11 bytes, which ciphertext does not show by chance (3 bytes would, now and then). */
  static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
  static final byte[] FMR_MAGIC = "FMR\0 20\0".getBytes(StandardCharsets.US_ASCII);

  private TestEvidence() {}

  static List<EvidenceItem> biometric(CryptoSuite digestSuite, long seed) {
    return List.of(item(digestSuite, EvidenceKind.FINGERPRINT, "fp-" + seed, "application/x-iso19794-2", fingerprint(seed)),
        item(digestSuite, EvidenceKind.PHOTO, "ph-" + seed, "image/jpeg", photo(seed)));
  }

  static EvidenceItem item(CryptoSuite digestSuite, EvidenceKind kind, String id, String mediaType, byte[] data) {
    return new EvidenceItem(EvidenceRef.newBuilder().setKind(kind).setEvidenceId(id).setDigest(digestSuite.digestHex(data))
        .setMediaType(mediaType).setSizeBytes(data.length).build(), data);
  }

  static byte[] photo(long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    for (int i = 0; i < 40; i++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      g.fillOval(random.nextInt(160), random.nextInt(120), 10 + random.nextInt(60), 10 + random.nextInt(60));
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] fingerprint(long seed) {
    Random random = new Random(seed);
    byte[] template = new byte[800];
    random.nextBytes(template);
    System.arraycopy(FMR_MAGIC, 0, template, 0, 4);
    System.arraycopy(" 20\0".getBytes(StandardCharsets.US_ASCII), 0, template, 4, 4);
    return template;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
