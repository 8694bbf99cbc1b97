package org.qianhe.batch.paper;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code migrate-paper} and {@code stage-reviewed} ({@code qianhe.batch.paper.*}). The
 * reading itself is tuned by {@code qianhe.paper.*} (PaperConfig of batch-jobs/paper); the evidence
 * store is {@code qianhe.batch.evidence.*}, shared with retention.
 *
 * @param dataDir  the data directory the services of this machine share ({@code qianhe.data-dir}):
 *                 ingest's key file and evidence keystore, the search service's embedded database
 * @param threads  partitions of a batch read in parallel (one worker thread each; OCR engines are
 *                 {@code qianhe.paper.ocr.engines})
 * @param keyFile  ingest's people key file; empty: {@code <data-dir>/keys/ingest-keys.properties}
 * @param reviewDb the search service's database, where the review queue and skip log live
 */
@ConfigurationProperties("qianhe.batch.paper")
public record PaperJobProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("2") int threads,
    @DefaultValue("") String keyFile,
    @DefaultValue ReviewDb reviewDb) {

  public PaperJobProperties {
    if (threads < 1 || threads > 64) {
      throw new IllegalArgumentException("qianhe.batch.paper.threads must be 1..64");
    }
  }

  /**
   * @param url      JDBC URL; empty: the search service's embedded default, the H2 file
   *                 {@code <data-dir>/qianhe} in PostgreSQL mode with AUTO_SERVER (shared with a
   *                 running search service)
   * @param username database user
   * @param password database password
   */
  public record ReviewDb(@DefaultValue("") String url, @DefaultValue("sa") String username,
      @DefaultValue("") String password) {

    @Override
    public String toString() {
      return "ReviewDb[" + url + " as " + username + "]";
    }
  }

  public Path keyFilePath() {
    return keyFile.isBlank() ? dataDir.resolve("keys").resolve("ingest-keys.properties") : Path.of(keyFile.strip());
  }

  public String reviewDbUrl() {
    return reviewDb.url().isBlank()
        ? "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("qianhe") + ";MODE=PostgreSQL;AUTO_SERVER=TRUE;WRITE_DELAY=0"
        : reviewDb.url().strip();
  }

  /** Ingest's defaults when {@code qianhe.batch.evidence.root} is empty: {@code <data-dir>/evidence}. */
  public String defaultEvidenceRoot() {
    return dataDir.toAbsolutePath().normalize().resolve("evidence").toUri().toString();
  }

  /** Ingest's default keystore: {@code <data-dir>/keys/evidence-keys.p12}. */
  public Path defaultEvidenceKeystore() {
    return dataDir.resolve("keys").resolve("evidence-keys.p12");
  }
}
