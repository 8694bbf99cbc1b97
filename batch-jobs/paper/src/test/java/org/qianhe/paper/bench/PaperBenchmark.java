package org.qianhe.paper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.qianhe.paper.PageReader;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.scan.ScanOpener;
import org.qianhe.paper.synth.CorpusGenerator;

/**
 * {@code ./ops/bench/run.sh paper}: generates a clean and a noisy corpus, reads both as the batch
 * job will (template regions, engines = threads) and scores every field against the ground truth;
 * then reads the first pages of each corpus with plain full-page Tesseract, the baseline, in the
 * same run. Last line: one JSON object.
 *
 * <p>Arguments (all optional): {@code --clean N} (200), {@code --noisy N} (200),
 * {@code --baseline-pages N} per corpus (20: full-page Chinese OCR takes seconds a page),
 * {@code --threads N} (2), {@code --dir PATH} (target/paper-bench), {@code --seed N} (2026),
 * {@code --reuse} (keep corpora of the same size already in the folder instead of generating them again).
 */
public final class PaperBenchmark {

  private PaperBenchmark() {}

  public static void main(String[] args) throws IOException {
    int clean = intArg(args, "--clean", 200);
    int noisy = intArg(args, "--noisy", 200);
    int baselinePages = intArg(args, "--baseline-pages", 20);
    int threads = intArg(args, "--threads", 2);
    long seed = intArg(args, "--seed", 2026);
    Path dir = Path.of(stringArg(args, "--dir", "target/paper-bench"));
    Path cleanDir = dir.resolve("clean");
    Path noisyDir = dir.resolve("noisy");
    PaperConfig config = PaperConfig.defaults().with(PaperConfig.Key.ENGINES, threads);

    log("generating %d clean and %d noisy pages in %s", clean, noisy, dir);
    CorpusGenerator generator = new CorpusGenerator(FormTemplate.standard());
    long t0 = System.nanoTime();
    if (Arrays.asList(args).contains("--reuse") && pages(cleanDir) == clean && pages(noisyDir) == noisy) {
      log("reusing the corpora in %s", dir);
    } else {
      deleteTree(dir);
      generator.generate(cleanDir, new CorpusGenerator.Options(clean, CorpusGenerator.Quality.CLEAN, seed, 0.01, 0.01, threads));
      generator.generate(noisyDir, new CorpusGenerator.Options(noisy, CorpusGenerator.Quality.NOISY, seed + 1, 0.01, 0.01, threads));
      log("generated in %.0f s", (System.nanoTime() - t0) / 1e9);
    }

    CorpusRun.Score cleanScore;
    CorpusRun.Score noisyScore;
    try (PageReader reader = new PageReader(config); ScanOpener opener = new ScanOpener(config)) {
      // a few pages first, so engine start-up and JIT warm-up are not timed
      CorpusRun.run(cleanDir, reader, opener, threads, 2 * threads);
      cleanScore = CorpusRun.run(cleanDir, reader, opener, threads);
      log("clean: %s", cleanScore);
      noisyScore = CorpusRun.run(noisyDir, reader, opener, threads);
      log("noisy: %s", noisyScore);
    }
    int pages = cleanScore.pages() + noisyScore.pages();
    double pagesPerSecond = pages / (cleanScore.seconds() + noisyScore.seconds());

    log("baseline: plain full-page Tesseract on the first %d pages of each corpus", baselinePages);
    FullPageBaseline.Result baseClean = FullPageBaseline.run(cleanDir, config, baselinePages, threads);
    FullPageBaseline.Result baseNoisy = FullPageBaseline.run(noisyDir, config, baselinePages, threads);
    double basePagesPerSecond = (baseClean.pages() + baseNoisy.pages()) / (baseClean.seconds() + baseNoisy.seconds());
    log("baseline clean: %d pages, %.3f pages/s, text fields %.2f%% correct", baseClean.pages(), baseClean.pagesPerSecond(),
        100 * baseClean.accuracy());
    log("baseline noisy: %d pages, %.3f pages/s, text fields %.2f%% correct", baseNoisy.pages(), baseNoisy.pagesPerSecond(),
        100 * baseNoisy.accuracy());

    System.out.println(String.format(Locale.ROOT,
        "{\"bench\":\"paper\",\"pages_per_s\":%.3f,\"baseline_pages_per_s\":%.3f,\"ratio\":%.2f,\"accuracy_clean\":%.4f,"
            + "\"accuracy_noisy\":%.4f,\"wrong_accepted\":%d,\"review_rate_noisy\":%.4f,\"review_rate_clean\":%.4f,"
            + "\"baseline_accuracy_clean\":%.4f,\"baseline_accuracy_noisy\":%.4f,\"pages\":%d,\"baseline_pages\":%d,"
            + "\"threads\":%d,\"peak_rss_mb\":%d}",
        pagesPerSecond, basePagesPerSecond, pagesPerSecond / basePagesPerSecond, cleanScore.accuracy(),
        noisyScore.accuracy(), cleanScore.wrongAccepted() + noisyScore.wrongAccepted(), noisyScore.reviewRate(),
        cleanScore.reviewRate(), baseClean.accuracy(), baseNoisy.accuracy(), pages, baseClean.pages() + baseNoisy.pages(),
        threads, peakRssMb()));
  }

  private static long pages(Path corpus) throws IOException {
    Path truth = corpus.resolve(CorpusGenerator.GROUND_TRUTH);
    return Files.isRegularFile(truth) ? Files.readAllLines(truth).size() : -1;
  }

  private static long peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void log(String format, Object... args) {
    System.out.println("[paper-bench] " + String.format(Locale.ROOT, format, args));
  }

  private static int intArg(String[] args, String name, int fallback) {
    String value = stringArg(args, name, null);
    return value == null ? fallback : Integer.parseInt(value);
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
