package org.qianhe.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.paper.bench.CorpusRun;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.scan.ScanOpener;
import org.qianhe.paper.synth.CorpusGenerator;

/**
 * The acceptance on generated corpora, at a size the test suite affords on two cores
 * ({@value #PAGES} + {@value #PAGES} pages; the benchmark runs 200 + 200): clean ≥ 99% of fields
 * right, noisy ≥ 95%, and not one wrong value on an accepted page; every page not accepted is in
 * review (none is lost).
 */
class PaperAccuracyTest {

  static final int PAGES = 20;

  @TempDir
  static Path dir;

  private static PageReader reader;
  private static ScanOpener opener;

  @BeforeAll
  static void start() {
    PaperConfig config = PaperConfig.defaults().with(PaperConfig.Key.ENGINES, 2);
    reader = new PageReader(config);
    opener = new ScanOpener(config);
  }

  @AfterAll
  static void stop() {
    reader.close();
    opener.close();
  }

  @Test
  void cleanScansAreReadRightAndNothingWrongIsAccepted() throws Exception {
    Path batch = dir.resolve("clean");
    new CorpusGenerator(FormTemplate.standard()).generate(batch,
        new CorpusGenerator.Options(PAGES, CorpusGenerator.Quality.CLEAN, 41, 0.05, 0.05, 2));

    CorpusRun.Score score = CorpusRun.run(batch, reader, opener, 2);

    assertThat(score.pages()).isEqualTo(PAGES);
    assertThat(score.rejectedFiles()).isZero();
    assertThat(score.accuracy()).as(score.toString()).isGreaterThanOrEqualTo(0.99);
    assertThat(score.wrongAccepted()).as(score.wrongAcceptedDetails().toString()).isZero();
    assertThat(score.acceptedPages()).as(score.toString()).isPositive();
    assertThat(score.acceptedPages() + score.reviewPages()).isEqualTo(PAGES);
  }

  @Test
  void noisyScansAreReadMostlyRightAndDoubtGoesToReview() throws Exception {
    Path batch = dir.resolve("noisy");
    new CorpusGenerator(FormTemplate.standard()).generate(batch,
        new CorpusGenerator.Options(PAGES, CorpusGenerator.Quality.NOISY, 43, 0.05, 0.05, 2));

    CorpusRun.Score score = CorpusRun.run(batch, reader, opener, 2);

    assertThat(score.pages()).isEqualTo(PAGES);
    assertThat(score.accuracy()).as(score.toString()).isGreaterThanOrEqualTo(0.95);
    assertThat(score.wrongAccepted()).as(score.wrongAcceptedDetails().toString()).isZero();
    assertThat(score.acceptedPages() + score.reviewPages()).isEqualTo(PAGES);
    assertThat(score.reviewPages()).isPositive();
  }
}
