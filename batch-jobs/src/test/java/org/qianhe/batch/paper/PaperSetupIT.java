package org.qianhe.batch.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.Cli;
import org.qianhe.batch.cli.ExitCodes;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.paper.synth.PageTruth;

/**
 * How migrate-paper finds what it shares with the other services: a missing piece (batch folder,
 * ingest's key file, the evidence keystore) is a clear configuration error before anything is
 * read or written; with no review database configured, the queue and skip log go to the search
 * service's embedded default, the H2 file in the data directory.
 */
@ExtendWith(LocalStackExtension.class)
class PaperSetupIT {

  @TempDir Path dir;

  @Test
  void aMissingFolderKeyFileOrKeystoreIsAConfigurationErrorAndNothingIsWritten(ElasticsearchNode elasticsearch)
      throws Exception {
    try (PaperFixture fixture = new PaperFixture(dir.resolve("data"))) {
      Path batch = Files.createDirectories(dir.resolve("B-empty"));
      String root = dir.resolve("qianhe").toUri().toString();

      Cli.Result noFolder = run(fixture, root, elasticsearch, dir.resolve("absent").toString());
      assertThat(noFolder.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(noFolder.output()).contains("is not a folder");

      Files.move(fixture.dataDir.resolve("keys/evidence-keys.p12"), dir.resolve("moved.p12"));
      Cli.Result noKeystore = run(fixture, root, elasticsearch, batch.toString());
      assertThat(noKeystore.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(noKeystore.output()).contains("evidence-keys.p12", "does not exist", "never creates keys");
      assertThat(fixture.dataDir.resolve("keys/evidence-keys.p12")).doesNotExist();
      Files.move(dir.resolve("moved.p12"), fixture.dataDir.resolve("keys/evidence-keys.p12"));

      Files.delete(fixture.dataDir.resolve("keys/ingest-keys.properties"));
      Cli.Result noKeys = run(fixture, root, elasticsearch, batch.toString());
      assertThat(noKeys.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(noKeys.output()).contains("ingest-keys.properties does not exist");

      assertThat(dir.resolve("qianhe/staging")).doesNotExist();
    }
  }

  @Test
  void withoutAReviewDatabaseTheQueueLivesInTheSearchServicesEmbeddedH2File(ElasticsearchNode elasticsearch)
      throws Exception {
    try (PaperFixture fixture = new PaperFixture(dir.resolve("data"))) {
      Path batch = dir.resolve("B2026-0100");
      // every manifest row mistyped: every page disagrees with it and waits for review
      List<PageTruth> truth = PaperFixture.generate(batch, 3, 100, 1.0);
      Files.write(batch.resolve("zz-broken.pdf"), "%PDF-1.4 broken".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String root = dir.resolve("qianhe").toUri().toString();

      List<String> args = new ArrayList<>(List.of("migrate-paper", "--batch", batch.toString(),
          "--qianhe.batch.paper.data-dir=" + fixture.dataDir, "--qianhe.batch.elasticsearch.url=" + elasticsearch.httpUrl()));
      Cli.Result result = Cli.run(root, args.toArray(String[]::new));

      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(fixture.dataDir.resolve("qianhe.mv.db")).exists();
      try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + fixture.dataDir.resolve("qianhe")
          + ";MODE=PostgreSQL;AUTO_SERVER=TRUE", "sa", "")) {
        assertThat(count(h2, "SELECT COUNT(*) FROM paper_review WHERE batch = 'B2026-0100'")).isEqualTo(truth.size());
        assertThat(count(h2, "SELECT COUNT(*) FROM paper_skip_log WHERE batch = 'B2026-0100' AND reason = 'CORRUPT_PDF'"))
            .isEqualTo(1);
        assertThat(count(h2, "SELECT COUNT(*) FROM \"flyway_history_review\" WHERE \"success\" AND \"version\" IS NOT NULL")).isEqualTo(2);
      }
    }
  }

  private static Cli.Result run(PaperFixture fixture, String root, ElasticsearchNode elasticsearch, String batch) {
    List<String> args = new ArrayList<>(List.of("migrate-paper", "--batch", batch));
    args.addAll(fixture.args(elasticsearch.httpUrl(), 1));
    return Cli.run(root, args.toArray(String[]::new));
  }

  private static long count(Connection connection, String sql) throws Exception {
    try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
