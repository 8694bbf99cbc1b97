package org.qianhe.search.evidence;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decoding and encoding images in memory only. ImageIO's convenience methods may buffer streams in
 * temporary files ({@code ImageIO.getUseCache()}); decrypted evidence must never reach the disk,
 * so every stream here is a memory-cache stream.
 */
final class Images {

  private Images() {}

  /**
   * Decodes the first image of {@code data} (JPEG, PNG, TIFF, ...). The size is read from the header
   * first, so an image of more than {@code maxPixels} is refused before any pixel is decoded.
   */
  static BufferedImage decode(byte[] data, long maxPixels) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UnshowableEvidenceException("not an image format this service reads");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels <= 0 || pixels > maxPixels) {
          throw new UnshowableEvidenceException("image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
              + " pixels, more than evidence.max-pixels");
        }
        return reader.read(0);
      } catch (IIOException | RuntimeException e) {
        // decoders throw either on malformed input; the message may quote the data, so it is not kept
        throw new UnshowableEvidenceException("the image does not decode (" + e.getClass().getSimpleName() + ")");
      } finally {
        reader.dispose();
      }
    }
  }

  static byte[] jpeg(BufferedImage image, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    return write(writer, param, image);
  }

  static byte[] png(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    return write(writer, writer.getDefaultWriteParam(), image);
  }

  private static byte[] write(ImageWriter writer, ImageWriteParam param, BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
