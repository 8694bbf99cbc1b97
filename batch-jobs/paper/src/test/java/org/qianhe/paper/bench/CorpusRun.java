package org.qianhe.paper.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.qianhe.paper.FieldResult;
import org.qianhe.paper.PageReader;
import org.qianhe.paper.PageResult;
import org.qianhe.paper.scan.Manifest;
import org.qianhe.paper.scan.ScanBatch;
import org.qianhe.paper.scan.ScanDocument;
import org.qianhe.paper.scan.ScanOpener;
import org.qianhe.paper.scan.ScanPage;
import org.qianhe.paper.scan.ScanRejectedException;
import org.qianhe.paper.synth.CorpusGenerator;

/**
 * Reads a generated batch the way the batch job will (files in parallel, one page at a time, with
 * the manifest) and scores every field against the ground truth.
 */
public final class CorpusRun {

  /**
   * The score of a run.
   *
   * @param wrongAccepted fields with a wrong value on ACCEPTed pages: must be 0
   * @param errorsByField wrong values by field name, for tuning
   */
  public record Score(int pages, int acceptedPages, int reviewPages, int rejectedFiles, long fields, long correct,
      long wrongAccepted, double seconds, Map<String, Integer> errorsByField, Map<String, Integer> reviewReasons,
      List<String> wrongAcceptedDetails) {

    public double accuracy() {
      return fields == 0 ? 0 : (double) correct / fields;
    }

    public double reviewRate() {
      return pages == 0 ? 0 : (double) reviewPages / pages;
    }

    public double pagesPerSecond() {
      return seconds == 0 ? 0 : pages / seconds;
    }

    @Override
    public String toString() {
      return String.format("%d pages (%d accepted, %d review, %d files rejected), fields %d/%d correct (%.2f%%), "
              + "wrong accepted %d, %.2f pages/s; errors by field %s; review reasons %s",
          pages, acceptedPages, reviewPages, rejectedFiles, correct, fields, 100 * accuracy(), wrongAccepted,
          pagesPerSecond(), errorsByField, reviewReasons);
    }
  }

  private CorpusRun() {}

  public static Score run(Path batchDir, PageReader reader, ScanOpener opener, int threads) throws IOException {
    return run(batchDir, reader, opener, threads, Integer.MAX_VALUE);
  }

  /** Reads at most {@code maxFiles} files of the batch. */
  public static Score run(Path batchDir, PageReader reader, ScanOpener opener, int threads, int maxFiles) throws IOException {
    GroundTruth truth = GroundTruth.read(batchDir);
    Manifest manifest = Manifest.read(batchDir.resolve(CorpusGenerator.MANIFEST), batchDir);
    ScanBatch.Listing listing = ScanBatch.list(batchDir);
    List<PageResult> results = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger rejected = new AtomicInteger(listing.rejected().size());
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String file : listing.files().subList(0, Math.min(maxFiles, listing.files().size()))) {
        futures.add(pool.submit(() -> {
          try (ScanDocument document = opener.open(batchDir, file)) {
            for (int p = 1; p <= document.pageCount(); p++) {
              ScanPage page = document.page(p);
              results.add(reader.read(page, manifest.find(file, p)));
            }
          } catch (ScanRejectedException e) {
            rejected.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("corpus run failed", e);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return score(results, truth, rejected.get(), seconds);
  }

  static Score score(List<PageResult> results, GroundTruth truth, int rejectedFiles, double seconds) {
    long fields = 0;
    long correct = 0;
    long wrongAccepted = 0;
    int accepted = 0;
    Map<String, Integer> errors = new TreeMap<>();
    Map<String, Integer> reasons = new TreeMap<>();
    List<String> details = new ArrayList<>();
    for (PageResult result : results) {
      GroundTruth.Page page = truth.page(result.file(), result.page());
      if (result.accepted()) {
        accepted++;
      }
      result.reviewReasons().forEach(r -> reasons.merge(r.code(), 1, Integer::sum));
      for (Map.Entry<String, String> expected : page.values().entrySet()) {
        fields++;
        FieldResult field = result.fields().get(expected.getKey());
        boolean ok = field != null && field.value().equals(expected.getValue());
        if (ok) {
          correct++;
        } else {
          errors.merge(expected.getKey(), 1, Integer::sum);
          if (result.accepted()) {
            wrongAccepted++;
            details.add(result.file() + "#" + result.page() + " " + expected.getKey());
          }
        }
      }
    }
    return new Score(results.size(), accepted, results.size() - accepted, rejectedFiles, fields, correct, wrongAccepted,
        seconds, errors, reasons, details);
  }
}
