package org.qianhe.paper.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.synth.HostileScans;
import org.qianhe.paper.synth.ScanWriter;

/**
 * Every kind of bad file a scan batch can hold ends in a typed rejection with its reason, quickly
 * and within the heap, and the opener keeps working for the next file.
 */
class HostileFilesTest {

  @TempDir
  Path batch;

  private final ScanOpener opener = new ScanOpener(PaperConfig.defaults());

  @AfterEach
  void close() {
    opener.close();
  }

  @Test
  void aCorruptPdfIsRejected() throws Exception {
    Files.write(batch.resolve("corrupt.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \u0000\u0001 trailer".getBytes());

    assertRejected("corrupt.pdf", RejectReason.CORRUPT_PDF);
  }

  @Test
  void aTruncatedPdfIsRejectedOrReadsWithoutCrashing() throws Exception {
    ScanWriter.pdf(batch.resolve("whole.pdf"), List.of(new ScanWriter.Page(HostileScans.blank(850, 1200), 100, 0.8f, true)));
    byte[] whole = Files.readAllBytes(batch.resolve("whole.pdf"));
    Files.write(batch.resolve("truncated.pdf"), Arrays.copyOf(whole, whole.length / 3));

    try (ScanDocument document = opener.open(batch, "truncated.pdf")) {
      // PDFBox rebuilds what it can of a damaged file; a page it cannot render is rejected, never thrown raw
      assertThatThrownBy(() -> document.page(1)).isInstanceOf(ScanRejectedException.class);
    } catch (ScanRejectedException e) {
      assertThat(e.reason()).isEqualTo(RejectReason.CORRUPT_PDF);
    }
  }

  @Test
  void aPasswordProtectedPdfIsRejected() throws Exception {
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage(PDRectangle.A4));
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      document.save(batch.resolve("locked.pdf").toFile());
    }

    assertRejected("locked.pdf", RejectReason.ENCRYPTED_PDF);
  }

  @Test
  void aPdfPageOfAbsurdSizeIsRejectedBeforeRendering() throws Exception {
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage(new PDRectangle(14000, 14000)));
      document.save(batch.resolve("huge-page.pdf").toFile());
    }

    assertPageRejected("huge-page.pdf", RejectReason.ABSURD_DIMENSIONS);
  }

  @Test
  void aPdfImageDeclaringGigapixelsIsRejectedWithoutDecodingIt() throws Exception {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      COSStream stream = document.getDocument().createCOSStream();
      try (var out = stream.createOutputStream(COSName.FLATE_DECODE)) {
        out.write(new byte[1024]); // a few zeros; the dictionary claims 100000 x 100000 pixels
      }
      stream.setItem(COSName.TYPE, COSName.XOBJECT);
      stream.setItem(COSName.SUBTYPE, COSName.IMAGE);
      stream.setInt(COSName.WIDTH, 100_000);
      stream.setInt(COSName.HEIGHT, 100_000);
      stream.setInt(COSName.BITS_PER_COMPONENT, 8);
      stream.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
      PDResources resources = new PDResources();
      resources.add(new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(stream), resources));
      page.setResources(resources);
      document.addPage(page);
      document.save(batch.resolve("bomb.pdf").toFile());
    }

    assertPageRejected("bomb.pdf", RejectReason.DECOMPRESSION_BOMB);
  }

  @Test
  void aPngDeclaringGigapixelsIsRejectedBeforeDecoding() throws Exception {
    Files.write(batch.resolve("bomb.png"), HostileScans.pngDeclaring(100_000, 100_000));

    assertPageRejected("bomb.png", RejectReason.DECOMPRESSION_BOMB);
  }

  @Test
  void aJpegDeclaringGigapixelsIsRejectedBeforeDecoding() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(HostileScans.blank(64, 64), "jpeg", out);
    byte[] jpeg = out.toByteArray();
    for (int i = 0; i < jpeg.length - 8; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) { // start of frame: height, width follow
        jpeg[i + 5] = (byte) 0xEA;
        jpeg[i + 6] = (byte) 0x60;
        jpeg[i + 7] = (byte) 0xEA;
        jpeg[i + 8] = (byte) 0x60;
        break;
      }
    }
    Files.write(batch.resolve("bomb.jpg"), jpeg);

    assertPageRejected("bomb.jpg", RejectReason.DECOMPRESSION_BOMB);
  }

  @Test
  void pagesTooSmallOrTooNarrowToBeAFormAreRejected() throws Exception {
    ImageIO.write(HostileScans.blank(40, 40), "png", batch.resolve("icon.png").toFile());
    ImageIO.write(HostileScans.blank(8000, 700), "png", batch.resolve("strip.png").toFile());

    assertPageRejected("icon.png", RejectReason.ABSURD_DIMENSIONS);
    assertPageRejected("strip.png", RejectReason.ABSURD_DIMENSIONS);
  }

  @Test
  void aTruncatedOrDamagedImageIsUnreadable() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(HostileScans.noise(900, 1200, 1), "jpeg", out);
    Files.write(batch.resolve("cut.jpg"), Arrays.copyOf(out.toByteArray(), out.size() / 2));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(HostileScans.noise(900, 1200, 1), "png", png);
    byte[] damaged = png.toByteArray();
    for (int i = 200; i < damaged.length; i += 7) {
      damaged[i] ^= 0x5A;
    }
    Files.write(batch.resolve("damaged.png"), damaged);

    assertPageRejected("cut.jpg", RejectReason.UNREADABLE_IMAGE);
    assertPageRejected("damaged.png", RejectReason.UNREADABLE_IMAGE);
  }

  @Test
  void contentDecidesTheFormatNotTheName() throws Exception {
    Files.writeString(batch.resolve("letter.pdf"), "Dear vendor, here are the scans");
    Files.write(batch.resolve("empty.tif"), new byte[0]);

    assertRejected("letter.pdf", RejectReason.UNSUPPORTED_FORMAT);
    assertRejected("empty.tif", RejectReason.EMPTY_FILE);
  }

  @Test
  void traversalNamesAndLinksOutOfTheBatchAreRejectedBeforeAnyRead() throws Exception {
    Files.createSymbolicLink(batch.resolve("passwd.pdf"), Path.of("/etc/passwd"));

    assertRejected("../../../etc/passwd", RejectReason.PATH_TRAVERSAL);
    assertRejected("passwd.pdf", RejectReason.PATH_TRAVERSAL);
    assertRejected("missing.pdf", RejectReason.NOT_A_FILE);
  }

  @Test
  void filesOverTheSizeLimitAndPageCountLimitAreRejected() throws Exception {
    ScanWriter.tiff(batch.resolve("three.tif"), List.of(tiffPage(), tiffPage(), tiffPage()));
    try (ScanOpener strict = new ScanOpener(PaperConfig.defaults().with(PaperConfig.Key.MAX_PAGES, 2)
        .with(PaperConfig.Key.MAX_FILE_BYTES, 1_000_000))) {
      assertThatThrownBy(() -> strict.open(batch, "three.tif"))
          .isInstanceOfSatisfying(ScanRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.TOO_MANY_PAGES));
      Files.write(batch.resolve("big.png"), new byte[2_000_000]);
      assertThatThrownBy(() -> strict.open(batch, "big.png"))
          .isInstanceOfSatisfying(ScanRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.FILE_TOO_LARGE));
    }
  }

  @Test
  void aDecodeThatTakesTooLongIsAbandonedWithATimeout() throws Exception {
    ScanWriter.pdf(batch.resolve("slow.pdf"), List.of(new ScanWriter.Page(HostileScans.noise(1700, 2400, 1), 200, 0.9f, false)));
    try (ScanOpener impatient = new ScanOpener(PaperConfig.defaults().with(PaperConfig.Key.PAGE_TIMEOUT, Duration.ofMillis(1)))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> {
        try (ScanDocument document = impatient.open(batch, "slow.pdf")) {
          document.page(1);
        }
      }).isInstanceOfSatisfying(ScanRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.TIMEOUT));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void aBatchListingSkipsNonScansAndReportsWhatLeavesTheFolder() throws Exception {
    ImageIO.write(HostileScans.blank(900, 1200), "png", batch.resolve("B01-0001.png").toFile());
    Files.writeString(batch.resolve("manifest.csv"), "file,box,page\n");
    Files.writeString(batch.resolve(".B01-0002.png.part"), "copying");
    Files.createSymbolicLink(batch.resolve("escape.png"), Path.of("/etc/hostname"));

    ScanBatch.Listing listing = ScanBatch.list(batch);

    assertThat(listing.files()).containsExactly("B01-0001.png");
    assertThat(listing.rejected()).extracting(ScanRejectedException::reason).containsExactly(RejectReason.PATH_TRAVERSAL);
  }

  @Test
  void theOpenerStillReadsGoodFilesAfterBadOnes() throws Exception {
    Files.write(batch.resolve("bomb.png"), HostileScans.pngDeclaring(100_000, 100_000));
    ImageIO.write(HostileScans.blank(900, 1200), "png", batch.resolve("good.png").toFile());

    assertPageRejected("bomb.png", RejectReason.DECOMPRESSION_BOMB);
    try (ScanDocument document = opener.open(batch, "good.png")) {
      assertThat(document.page(1).image().getWidth()).isEqualTo(900);
    }
  }

  private void assertRejected(String name, RejectReason reason) {
    assertThatThrownBy(() -> opener.open(batch, name).close())
        .isInstanceOfSatisfying(ScanRejectedException.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.page()).isZero();
          assertThat(e.getMessage()).contains(reason.name());
        });
  }

  private void assertPageRejected(String name, RejectReason reason) throws Exception {
    try (ScanDocument document = opener.open(batch, name)) {
      assertThatThrownBy(() -> document.page(1))
          .isInstanceOfSatisfying(ScanRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.page()).isEqualTo(1);
          });
    } catch (ScanRejectedException e) {
      assertThat(e.reason()).isEqualTo(reason);
    }
  }

  private static ScanWriter.Page tiffPage() {
    return new ScanWriter.Page(HostileScans.blank(850, 1200), 100, 0.9f, false);
  }
}
