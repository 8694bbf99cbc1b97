package org.qianhe.paper.check;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.paper.PageEvidence;
import org.qianhe.paper.PaperConfig;

/** Encodes the evidence images of a page and describes them as the record's evidence references. */
public final class Evidence {

  private Evidence() {}

  public static PageEvidence of(BufferedImage signature, boolean signed, BufferedImage page, PaperConfig config) {
    byte[] signaturePng = signature == null ? new byte[0] : png(signature);
    return switch (config.pageImage()) {
      case PNG -> new PageEvidence(signaturePng, signed, png(page), "image/png");
      case JPEG -> new PageEvidence(signaturePng, signed, jpeg(page, config.jpegQuality()), "image/jpeg");
      case NONE -> new PageEvidence(signaturePng, signed, new byte[0], "");
    };
  }

  /**
   * References for the images a page has: the signature when the guardian signed, the page when one
   * was encoded. The evidence id is the digest's first half until the evidence store assigns its own.
   */
  public static List<EvidenceRef> refs(PageEvidence evidence) {
    List<EvidenceRef> refs = new ArrayList<>();
    if (evidence.signed() && evidence.signaturePng().length > 0) {
      refs.add(ref(EvidenceKind.SIGNATURE, evidence.signaturePng(), "image/png"));
    }
    if (evidence.pageImage().length > 0) {
      refs.add(ref(EvidenceKind.SCAN, evidence.pageImage(), evidence.pageImageMediaType()));
    }
    return refs;
  }

  public static EvidenceRef ref(EvidenceKind kind, byte[] bytes, String mediaType) {
    String digest = sha256(bytes);
    return EvidenceRef.newBuilder().setKind(kind).setEvidenceId(digest.substring(0, 32)).setDigest(digest)
        .setMediaType(mediaType).setSizeBytes(bytes.length).build();
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
