package org.qianhe.paper.barcode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.WriterException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qianhe.paper.image.GreyImage;

/** QR codes with ZXing: encoding for the form generator, decoding a region or a whole page. */
public final class QrCodes {

  /**
   * A decoded code.
   *
   * @param finders the finder pattern centres in image pixels: top-left, top-right, bottom-left
   */
  public record Decoded(String text, List<double[]> finders) {
    @Override
    public String toString() {
      return "Decoded[" + text.length() + " chars]";
    }
  }

  private static final Map<DecodeHintType, Object> HINTS = new EnumMap<>(Map.of(
      DecodeHintType.TRY_HARDER, Boolean.TRUE,
      DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
      DecodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));

  private QrCodes() {}

  /** The modules of a QR code of a fixed version (so its size on the form is known), no quiet zone. */
  public static BitMatrix encode(String text, int version) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, version);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    hints.put(EncodeHintType.MARGIN, 0);
    hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode a QR code of version " + version + ": " + e.getMessage(), e);
    }
  }

  /** Decodes the QR code in the image, if there is one that can be read. */
  public static Optional<Decoded> decode(GreyImage image) {
    PlanarYUVLuminanceSource source = new PlanarYUVLuminanceSource(image.pixels(), image.width(), image.height(),
        0, 0, image.width(), image.height(), false);
    try {
      Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), HINTS);
      return Optional.of(new Decoded(result.getText(), finders(result.getResultPoints())));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (ReaderException | RuntimeException e) {
      // checksum and format errors, and ZXing's own exceptions on odd input: unreadable, not fatal
      return Optional.empty();
    }
  }

  /** ZXing lists bottom-left, top-left, top-right (then an alignment pattern). */
  private static List<double[]> finders(ResultPoint[] points) {
    List<double[]> out = new ArrayList<>();
    if (points != null && points.length >= 3) {
      out.add(new double[] {points[1].getX(), points[1].getY()});
      out.add(new double[] {points[2].getX(), points[2].getY()});
      out.add(new double[] {points[0].getX(), points[0].getY()});
    }
    return out;
  }
}
