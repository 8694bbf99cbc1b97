package org.qianhe.paper.scan;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.qianhe.paper.PaperConfig;

/**
 * A PDF, rendered page by page with PDFBox at {@code qianhe.paper.render-dpi}. Before a page is
 * rendered its size and the declared sizes of the images on it are checked, so a small file that
 * declares a gigapixel image is refused without decoding it.
 */
final class PdfScan implements ScanDocument {

  private static final float POINTS_PER_MM = 72 / 25.4f;
  private static final int MAX_XOBJECT_DEPTH = 4;
  private static final int MAX_XOBJECTS = 200;

  private final String name;
  private final PDDocument document;
  private final PDFRenderer renderer;
  private final PaperConfig config;
  private final PageLimits limits;
  private final ExecutorService executor;

  private PdfScan(String name, PDDocument document, PaperConfig config, ExecutorService executor) {
    this.name = name;
    this.document = document;
    this.renderer = new PDFRenderer(document);
    this.renderer.setSubsamplingAllowed(false);
    this.config = config;
    this.limits = new PageLimits(config);
    this.executor = executor;
  }

  static PdfScan open(String name, File file, PaperConfig config, ExecutorService executor) throws ScanRejectedException {
    PDDocument[] opened = new PDDocument[1];
    PDDocument document = Bounded.run(executor, config.pageTimeout().toMillis(), name, 0, RejectReason.CORRUPT_PDF, () -> {
      try {
        opened[0] = Loader.loadPDF(file, "", null, null, IOUtils.createTempFileOnlyStreamCache());
        return opened[0];
      } catch (InvalidPasswordException e) {
        throw new ScanRejectedException(RejectReason.ENCRYPTED_PDF, name, 0, "needs a password");
      }
    }, () -> closeQuietly(opened[0]));
    try {
      int pages = document.getNumberOfPages();
      if (pages == 0) {
        throw new ScanRejectedException(RejectReason.CORRUPT_PDF, name, 0, "no pages");
      }
      if (pages > config.maxPages()) {
        throw new ScanRejectedException(RejectReason.TOO_MANY_PAGES, name, 0, pages + " pages");
      }
      return new PdfScan(name, document, config, executor);
    } catch (ScanRejectedException | RuntimeException e) {
      closeQuietly(document);
      throw e instanceof ScanRejectedException s ? s : Bounded.translate(e, name, 0, RejectReason.CORRUPT_PDF);
    }
  }

  @Override
  public String file() {
    return name;
  }

  @Override
  public int pageCount() {
    return document.getNumberOfPages();
  }

  @Override
  public ScanPage page(int number) throws ScanRejectedException {
    if (number < 1 || number > pageCount()) {
      throw new IllegalArgumentException("no page " + number);
    }
    BufferedImage image = Bounded.run(executor, config.pageTimeout().toMillis(), name, number, RejectReason.CORRUPT_PDF, () -> {
      PDPage page = document.getPage(number - 1);
      checkSize(page, number);
      checkImages(page.getResources(), number, 0, new int[1]);
      return renderer.renderImageWithDPI(number - 1, config.renderDpi(), ImageType.RGB);
    }, () -> closeQuietly(document));
    return new ScanPage(name, number, image);
  }

  private void checkSize(PDPage page, int number) throws ScanRejectedException {
    PDRectangle box = page.getCropBox();
    double widthMm = box.getWidth() / POINTS_PER_MM;
    double heightMm = box.getHeight() / POINTS_PER_MM;
    if (!(widthMm > 20 && heightMm > 20 && widthMm <= config.maxPageMm() && heightMm <= config.maxPageMm())) {
      throw new ScanRejectedException(RejectReason.ABSURD_DIMENSIONS, name, number,
          Math.round(widthMm) + "x" + Math.round(heightMm) + " mm");
    }
    double pxPerMm = config.renderDpi() / 25.4;
    limits.check(name, number, Math.round(widthMm * pxPerMm), Math.round(heightMm * pxPerMm));
  }

  /** Declared sizes of the page's images (and of images inside its form objects), from their dictionaries only. */
  private void checkImages(PDResources resources, int number, int depth, int[] seen) throws ScanRejectedException, IOException {
    if (resources == null || depth > MAX_XOBJECT_DEPTH) {
      return;
    }
    for (COSName key : resources.getXObjectNames()) {
      if (++seen[0] > MAX_XOBJECTS) {
        throw new ScanRejectedException(RejectReason.CORRUPT_PDF, name, number, "more than " + MAX_XOBJECTS + " objects on a page");
      }
      PDXObject object = resources.getXObject(key);
      if (object instanceof PDImageXObject image) {
        long w = image.getCOSObject().getInt(COSName.WIDTH);
        long h = image.getCOSObject().getInt(COSName.HEIGHT);
        if (w <= 0 || h <= 0 || w * h > config.maxPixels()) {
          throw new ScanRejectedException(w <= 0 || h <= 0 ? RejectReason.CORRUPT_PDF : RejectReason.DECOMPRESSION_BOMB,
              name, number, "image of " + w + "x" + h + " px declared");
        }
      } else if (object instanceof PDFormXObject form) {
        checkImages(form.getResources(), number, depth + 1, seen);
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(document);
  }

  private static void closeQuietly(PDDocument document) {
    if (document != null) {
      try {
        document.close();
      } catch (IOException | RuntimeException e) {
        // nothing left to do for a file that is being rejected or is finished
      }
    }
  }
}
