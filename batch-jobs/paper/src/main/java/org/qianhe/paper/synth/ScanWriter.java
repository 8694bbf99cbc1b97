package org.qianhe.paper.synth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Writes scans the way vendors deliver them: PNG, JPEG, multi-page TIFF, image-only PDF. */
public final class ScanWriter {

  /** A scanned page and how to store it. */
  public record Page(BufferedImage image, int dpi, float jpegQuality, boolean lossy) {}

  private ScanWriter() {}

  public static void png(Path file, BufferedImage image) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
  }

  public static void jpeg(Path file, BufferedImage image, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /** One TIFF with every page (LZW, lossless). */
  public static void tiff(Path file, List<Page> pages) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    Files.deleteIfExists(file);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType("LZW");
      writer.prepareWriteSequence(null);
      for (Page page : pages) {
        writer.writeToSequence(new IIOImage(page.image(), null, null), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  /** An image-only PDF, each page the size of the paper at its scan resolution. */
  public static void pdf(Path file, List<Page> pages) throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (Page page : pages) {
        float width = page.image().getWidth() * 72f / page.dpi();
        float height = page.image().getHeight() * 72f / page.dpi();
        PDPage pdPage = new PDPage(new PDRectangle(width, height));
        document.addPage(pdPage);
        PDImageXObject image = page.lossy()
            ? JPEGFactory.createFromImage(document, page.image(), page.jpegQuality(), page.dpi())
            : LosslessFactory.createFromImage(document, page.image());
        try (PDPageContentStream content = new PDPageContentStream(document, pdPage)) {
          content.drawImage(image, 0, 0, width, height);
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        document.save(out);
      }
    }
  }
}
