package org.qianhe.paper.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.form.FieldSpec;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.image.GreyImage;
import org.qianhe.paper.ocr.OcrText;
import org.qianhe.paper.ocr.TesseractEngine;
import org.qianhe.paper.read.TextNormaliser;
import org.qianhe.paper.scan.ScanBatch;
import org.qianhe.paper.scan.ScanDocument;
import org.qianhe.paper.scan.ScanOpener;
import org.qianhe.paper.scan.ScanPage;

/**
 * The baseline: plain full-page Tesseract (chi_sim+eng, automatic layout, no deskew, no regions),
 * fields taken from its text after their printed labels. Tick boxes cannot be read this way, so
 * its accuracy is over the printed text fields only.
 */
final class FullPageBaseline {

  record Result(int pages, double seconds, long fields, long correct) {
    double pagesPerSecond() {
      return pages / seconds;
    }

    double accuracy() {
      return fields == 0 ? 0 : (double) correct / fields;
    }
  }

  private FullPageBaseline() {}

  static Result run(Path batchDir, PaperConfig config, int maxPages, int threads) throws IOException {
    GroundTruth truth = GroundTruth.read(batchDir);
    FormTemplate form = FormTemplate.standard();
    List<ScanPage> pages = new ArrayList<>();
    try (ScanOpener opener = new ScanOpener(config)) {
      for (String file : ScanBatch.list(batchDir).files()) {
        try (ScanDocument document = opener.open(batchDir, file)) {
          for (int p = 1; p <= document.pageCount() && pages.size() < maxPages; p++) {
            pages.add(document.page(p));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        if (pages.size() >= maxPages) {
          break;
        }
      }
    }
    BlockingQueue<TesseractEngine> engines = new ArrayBlockingQueue<>(threads);
    for (int i = 0; i < threads; i++) {
      engines.add(new TesseractEngine(config.tessdata(), "chi_sim+eng", "eng"));
    }
    AtomicLong fields = new AtomicLong();
    AtomicLong correct = new AtomicLong();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (ScanPage page : pages) {
        futures.add(pool.submit(() -> {
          TesseractEngine engine = engines.take();
          try {
            GreyImage grey = GreyImage.redChannel(page.image());
            OcrText text = engine.readPage(grey, (int) Math.round(page.image().getWidth() / (form.widthMm() / 25.4)));
            Map<String, String> expected = truth.page(page.file(), page.page()).values();
            for (FieldSpec field : form.fields()) {
              fields.incrementAndGet();
              if (expected.get(field.name()).equals(afterLabel(text.text(), field, form))) {
                correct.incrementAndGet();
              }
            }
          } finally {
            engines.add(engine);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("baseline failed", e);
    } finally {
      pool.shutdownNow();
      engines.forEach(TesseractEngine::close);
    }
    return new Result(pages.size(), (System.nanoTime() - start) / 1e9, fields.get(), correct.get());
  }

  /** The text after a field's label on the same line, up to the next label. */
  static String afterLabel(String page, FieldSpec field, FormTemplate form) {
    for (String rawLine : page.split("\n")) {
      String line = rawLine.replaceAll("\\s+", "");
      int at = line.indexOf(field.label());
      if (at < 0) {
        continue;
      }
      String rest = line.substring(at + field.label().length()).replaceFirst("^[：:]", "");
      int end = rest.length();
      for (FieldSpec other : form.fields()) {
        int next = rest.indexOf(other.label());
        if (next >= 0 && next < end) {
          end = next;
        }
      }
      return TextNormaliser.normalise(rest.substring(0, end), field.kind());
    }
    return "";
  }
}
