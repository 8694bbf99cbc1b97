package org.qianhe.paper.scan;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.qianhe.paper.PaperConfig;

/**
 * A PNG, JPEG or (multi-page) TIFF, decoded with the JDK's ImageIO. Dimensions are read from the
 * headers and checked before any pixel is decoded; metadata is ignored (a PNG text chunk can be a
 * compression bomb of its own); a decoder warning (a truncated JPEG decodes "successfully" with a
 * grey bottom) rejects the page.
 */
final class ImageScan implements ScanDocument {

  private final String name;
  private final ImageInputStream input;
  private final ImageReader reader;
  private final int pages;
  private final PaperConfig config;
  private final ExecutorService executor;
  private final List<String> warnings = new ArrayList<>();

  private ImageScan(String name, ImageInputStream input, ImageReader reader, int pages, PaperConfig config,
      ExecutorService executor) {
    this.name = name;
    this.input = input;
    this.reader = reader;
    this.pages = pages;
    this.config = config;
    this.executor = executor;
    reader.addIIOReadWarningListener(new IIOReadWarningListener() {
      @Override
      public void warningOccurred(ImageReader source, String warning) {
        warnings.add(warning);
      }
    });
  }

  static ImageScan open(String name, File file, String format, PaperConfig config, ExecutorService executor)
      throws ScanRejectedException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new ScanRejectedException(RejectReason.UNSUPPORTED_FORMAT, name, 0, "no " + format + " decoder");
    }
    ImageReader reader = readers.next();
    ImageInputStream input;
    try {
      input = new FileImageInputStream(file);
    } catch (IOException e) {
      reader.dispose();
      throw new ScanRejectedException(RejectReason.IO_ERROR, name, 0, e.getClass().getSimpleName());
    }
    reader.setInput(input, false, true);
    try {
      int pages = Bounded.run(executor, config.pageTimeout().toMillis(), name, 0, RejectReason.UNREADABLE_IMAGE,
          () -> countPages(reader, config.maxPages(), name), () -> closeQuietly(input));
      return new ImageScan(name, input, reader, pages, config, executor);
    } catch (ScanRejectedException e) {
      reader.dispose();
      closeQuietly(input);
      throw e;
    }
  }

  /** Pages present, up to one more than allowed; walking a TIFF's page chain reads only small headers. */
  private static int countPages(ImageReader reader, int maxPages, String name) throws IOException, ScanRejectedException {
    int count = 0;
    while (count <= maxPages) {
      try {
        reader.getWidth(count);
      } catch (IndexOutOfBoundsException e) {
        break;
      }
      count++;
    }
    if (count == 0) {
      throw new ScanRejectedException(RejectReason.UNREADABLE_IMAGE, name, 0, "no image in the file");
    }
    if (count > maxPages) {
      throw new ScanRejectedException(RejectReason.TOO_MANY_PAGES, name, 0, "more than " + maxPages + " pages");
    }
    return count;
  }

  @Override
  public String file() {
    return name;
  }

  @Override
  public int pageCount() {
    return pages;
  }

  @Override
  public ScanPage page(int number) throws ScanRejectedException {
    if (number < 1 || number > pages) {
      throw new IllegalArgumentException("no page " + number);
    }
    int index = number - 1;
    BufferedImage image = Bounded.run(executor, config.pageTimeout().toMillis(), name, number, RejectReason.UNREADABLE_IMAGE, () -> {
      new PageLimits(config).check(name, number, reader.getWidth(index), reader.getHeight(index));
      warnings.clear();
      BufferedImage decoded = reader.read(index);
      if (!warnings.isEmpty()) {
        throw new ScanRejectedException(RejectReason.UNREADABLE_IMAGE, name, number, "damaged image data");
      }
      return decoded;
    }, () -> closeQuietly(input));
    return new ScanPage(name, number, image);
  }

  @Override
  public void close() {
    reader.dispose();
    closeQuietly(input);
  }

  private static void closeQuietly(ImageInputStream input) {
    try {
      input.close();
    } catch (IOException | RuntimeException e) {
      // nothing left to do for a file that is being rejected or is finished
    }
  }
}
