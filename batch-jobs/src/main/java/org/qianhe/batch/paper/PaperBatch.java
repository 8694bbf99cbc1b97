package org.qianhe.batch.paper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.qianhe.paper.scan.SafeNames;
import org.qianhe.paper.scan.ScanBatch;

/** Names derived from a scan batch: its name in lineage and logs, staging file names, the job's input fingerprint. */
final class PaperBatch {

  /** The vendor's manifest in the batch folder, when there is one. */
  static final String MANIFEST = "manifest.csv";

  private PaperBatch() {}

  /** The batch folder's name (the vendor's batch id): the lineage's {@code scanBatch} and the skip log's batch. */
  static String name(Path batchDir) {
    Path leaf = batchDir.toAbsolutePath().normalize().getFileName();
    return leaf == null ? "/" : SafeNames.forLog(leaf.toString());
  }

  /** The staging file name of a scan file's accepted pages: the same on every run of this batch. */
  static String stagingName(Path batchDir, String file) {
    return "paper-" + sha256(batchDir.toAbsolutePath().normalize() + "\n" + file).substring(0, 24);
  }

  /** The staging file name of an approved review. */
  static String reviewStagingName(String consentId) {
    return "paper-review-" + consentId;
  }

  /**
   * SHA-256 over the names and sizes of the batch's scan files and of the rejected entries: the
   * same batch restarts its job instance, a batch with files added or replaced is a new one.
   */
  static String fingerprint(Path batchDir, ScanBatch.Listing listing) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String file : listing.files()) {
      text.append(file).append('\t').append(Files.size(batchDir.resolve(file))).append('\n');
    }
    listing.rejected().forEach(rejected -> text.append("rejected\t").append(rejected.file()).append('\n'));
    Path manifest = batchDir.resolve(MANIFEST);
    if (Files.isRegularFile(manifest)) {
      text.append(MANIFEST).append('\t').append(Files.size(manifest)).append('\n');
    }
    return sha256(text.toString());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
