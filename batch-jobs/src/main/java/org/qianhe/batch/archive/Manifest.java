package org.qianhe.batch.archive;

import java.util.List;

/**
 * {@code _manifest.json} of an archive partition: what a verifier needs to prove the partition
 * is the one the compaction wrote. No wall-clock time in it, so compacting the same records
 * again gives the same manifest byte for byte.
 *
 * @param format            manifest format and version
 * @param recordDigest      how a record digest is made
 * @param merkleTree        how the Merkle root is made from the record digests
 * @param schemaFingerprint SHA-256 parsing fingerprint of the Avro schema the digests are over
 * @param merkleRoot        root over every record digest of the partition, files in order
 * @param signedRecords     records that carry a terminal signature (the rest are unsigned)
 */
public record Manifest(
    String format,
    String region,
    String date,
    long rows,
    String minOccurredAt,
    String maxOccurredAt,
    List<String> sortOrder,
    String recordDigest,
    String merkleTree,
    String schemaFingerprint,
    String merkleRoot,
    long signedRecords,
    List<File> files) {

  public static final String FORMAT = "qianhe-archive-manifest/1";
  public static final String RECORD_DIGEST = "SHA-256 of the record's Avro binary encoding";
  public static final String MERKLE_TREE = "RFC 6962 Merkle tree hash (SHA-256) over the record digests in file order";
  public static final List<String> SORT_ORDER =
      List.of("siteCode", "vaccination.vaccineCode", "vaccination.lotNumber", "occurredAt", "consentId");

  /** One data file; {@code merkleRoot} is over that file's record digests only. */
  public record File(
      String name, long rows, long bytes, String sha256, String minOccurredAt, String maxOccurredAt, String merkleRoot) {}
}
