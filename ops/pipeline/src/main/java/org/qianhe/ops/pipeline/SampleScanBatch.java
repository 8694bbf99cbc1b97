package org.qianhe.ops.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.synth.CorpusGenerator;
import org.qianhe.paper.synth.PageTruth;

/**
 * A folder of synthetic scanned paper consent forms, as a scanning vendor delivers them (pages in
 * PNG, JPEG, TIFF and PDF files, with a manifest), for run-local to feed to {@code migrate-paper}.
 *
 * @param lotNumbers the lot number printed on each page, to trace them afterwards
 */
public record SampleScanBatch(Path dir, List<String> lotNumbers) {

  /**
   * Generates {@code pages} clean pages. The generator's ground-truth file holds the forms'
   * identities in clear, which is what a scan must never leave behind: it is deleted at once.
   */
  public static SampleScanBatch generate(Path dir, int pages, long seed) throws IOException {
    List<PageTruth> truth = new CorpusGenerator(FormTemplate.standard()).generate(dir,
        new CorpusGenerator.Options(pages, CorpusGenerator.Quality.CLEAN, seed, 0.0, 0.0,
            Math.max(1, Runtime.getRuntime().availableProcessors())));
    Files.deleteIfExists(dir.resolve(CorpusGenerator.GROUND_TRUTH));
    return new SampleScanBatch(dir, truth.stream().map(page -> page.data().field("lotNumber")).toList());
  }
}
