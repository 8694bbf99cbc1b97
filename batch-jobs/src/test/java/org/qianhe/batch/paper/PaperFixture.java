package org.qianhe.batch.paper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.qianhe.batch.Cli;
import org.qianhe.ingest.evidence.Pkcs12EvidenceKeys;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.synth.CorpusGenerator;
import org.qianhe.paper.synth.HostileScans;
import org.qianhe.paper.synth.PageTruth;

/**
 * A paper migration set-up as a machine running ingest and search would have it: a data directory
 * with ingest's people key file and evidence keystore (made here the way ingest makes them), a
 * review database (a fresh PostgreSQL schema), and scan batches generated with ground truth, plus
 * the hostile files a real batch may hold.
 */
final class PaperFixture implements AutoCloseable {

  static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

  /** The bad files {@link #addHostileFiles} writes and the reason each must be skipped for. */
  static final List<String[]> HOSTILE = List.of(
      new String[] {"zz-corrupt.pdf", "CORRUPT_PDF"},
      new String[] {"zz-letter.pdf", "UNSUPPORTED_FORMAT"},
      new String[] {"zz-bomb.png", "DECOMPRESSION_BOMB"},
      new String[] {"zz-icon.png", "ABSURD_DIMENSIONS"},
      new String[] {"zz-damaged.png", "UNREADABLE_IMAGE"},
      new String[] {"zz-passwd.pdf", "PATH_TRAVERSAL"});

  final Path dataDir;
  final String reviewSchema;

  PaperFixture(Path dataDir) throws Exception {
    this.dataDir = dataDir;
    Path keys = Files.createDirectories(dataDir.resolve("keys"));
    SecureRandom random = new SecureRandom();
    Files.writeString(keys.resolve("ingest-keys.properties"), "blind-index.key=" + base64(random)
        + "\nidentity-sealing.key-id=ingest-seal-test\nidentity-sealing.key=" + base64(random) + "\n");
    Path keystore = keys.resolve("evidence-keys.p12");
    Pkcs12EvidenceKeys.loadOrCreate(keystore,
        Pkcs12EvidenceKeys.passwordFromFile(keys.resolve("evidence-keys.p12.password")), CryptoSuites.GM);
    reviewSchema = "qianhe_paper_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
      c.createStatement().execute("CREATE SCHEMA " + reviewSchema);
    }
    Cli.createSchema();
  }

  /** The CLI options of a migrate-paper run against this set-up. */
  List<String> args(String elasticsearchUrl, int threads) {
    return List.of("--qianhe.batch.paper.data-dir=" + dataDir, "--qianhe.batch.paper.threads=" + threads,
        "--qianhe.batch.paper.review-db.url=" + reviewDbUrl(), "--qianhe.batch.paper.review-db.username=postgres",
        "--qianhe.batch.elasticsearch.url=" + elasticsearchUrl, "--qianhe.paper.ocr.engines=2");
  }

  String reviewDbUrl() {
    return PG + "?currentSchema=" + reviewSchema;
  }

  javax.sql.DataSource reviewDb() {
    return new org.springframework.jdbc.datasource.DriverManagerDataSource(reviewDbUrl(), "postgres", "");
  }

  /** A generated batch (clean scans; a share of manifest rows mistyped, which sends those pages to review). */
  static List<PageTruth> generate(Path batch, int pages, long seed, double manifestErrorRate) throws Exception {
    Files.createDirectories(batch);
    List<PageTruth> truth = new CorpusGenerator(FormTemplate.standard()).generate(batch,
        new CorpusGenerator.Options(pages, CorpusGenerator.Quality.CLEAN, seed, manifestErrorRate, 0.0, 2));
    // the ground truth holds the synthetic identities in clear: test data, not part of a batch
    Files.deleteIfExists(batch.resolve(CorpusGenerator.GROUND_TRUTH));
    return truth;
  }

  static void addHostileFiles(Path batch) throws Exception {
    Files.write(batch.resolve("zz-corrupt.pdf"),
        "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \u0000\u0001 trailer".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(batch.resolve("zz-letter.pdf"), "Dear vendor, here are the scans");
    Files.write(batch.resolve("zz-bomb.png"), HostileScans.pngDeclaring(100_000, 100_000));
    ImageIO.write(HostileScans.blank(40, 40), "png", batch.resolve("zz-icon.png").toFile());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(HostileScans.noise(900, 1200, 1), "png", png);
    byte[] damaged = png.toByteArray();
    for (int i = 200; i < damaged.length; i += 7) {
      damaged[i] ^= 0x5A;
    }
    Files.write(batch.resolve("zz-damaged.png"), damaged);
    Files.createSymbolicLink(batch.resolve("zz-passwd.pdf"), Path.of("/etc/passwd"));
  }

  /** Every raw identity value of the batch: none may appear in logs, the index, the skip log or clear columns. */
  static List<String> identities(List<PageTruth> truth) {
    List<String> values = new ArrayList<>();
    for (PageTruth page : truth) {
      for (String field : List.of("childName", "childId", "guardianName", "guardianPhone")) {
        values.add(page.data().fields().get(field));
      }
    }
    return values;
  }

  @Override
  public void close() throws Exception {
    try (Connection c = DriverManager.getConnection(PG, "postgres", "")) {
      c.createStatement().execute("DROP SCHEMA " + reviewSchema + " CASCADE");
    }
  }

  private static String base64(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
