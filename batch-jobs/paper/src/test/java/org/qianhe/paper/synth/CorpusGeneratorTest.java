package org.qianhe.paper.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.scan.Manifest;
import org.qianhe.paper.scan.ScanBatch;
import org.qianhe.paper.scan.ScanDocument;
import org.qianhe.paper.scan.ScanOpener;

class CorpusGeneratorTest {

  @TempDir
  Path batch;

  @Test
  void aBatchHasScansInVendorFormatsAManifestAndGroundTruthForEveryPage() throws Exception {
    List<PageTruth> truths = new CorpusGenerator(FormTemplate.standard())
        .generate(batch, new CorpusGenerator.Options(6, CorpusGenerator.Quality.NOISY, 7, 0.5, 0.1, 2));

    assertThat(truths).hasSize(6);
    ScanBatch.Listing listing = ScanBatch.list(batch);
    assertThat(listing.rejected()).isEmpty();
    Manifest manifest = Manifest.read(batch.resolve(CorpusGenerator.MANIFEST), batch);
    assertThat(manifest.size()).isEqualTo(6);
    assertThat(Files.readAllLines(batch.resolve(CorpusGenerator.GROUND_TRUTH))).hasSize(6);
    int pages = 0;
    try (ScanOpener opener = new ScanOpener(PaperConfig.defaults())) {
      for (String file : listing.files()) {
        try (ScanDocument document = opener.open(batch, file)) {
          pages += document.pageCount();
          assertThat(document.page(1).image().getWidth()).isBetween(1600, 2600);
        }
      }
    }
    assertThat(pages).isEqualTo(6);
    for (PageTruth truth : truths) {
      assertThat(truth.style().dpi()).isIn(200, 240, 300);
      assertThat(Math.abs(truth.style().angleDegrees())).isLessThanOrEqualTo(3);
      assertThat(manifest.find(truth.file(), truth.page())).isPresent();
    }
    assertThat(truths).anyMatch(PageTruth::manifestError);
  }

  @Test
  void theSameSeedGivesTheSameForms() {
    FormData a = FormData.of(new org.qianhe.terminal.simulator.ConsentGenerator(3, java.time.Instant.EPOCH).next(), 1,
        CodeLists.bundled().regions());
    FormData b = FormData.of(new org.qianhe.terminal.simulator.ConsentGenerator(3, java.time.Instant.EPOCH).next(), 1,
        CodeLists.bundled().regions());

    assertThat(a.fields()).isEqualTo(b.fields());
    assertThat(a.toString()).doesNotContain(a.field("childName"), a.field("childId"));
  }
}
