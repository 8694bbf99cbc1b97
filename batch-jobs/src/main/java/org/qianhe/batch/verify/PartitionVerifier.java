package org.qianhe.batch.verify;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.Digests;
import org.qianhe.batch.archive.FileScan;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.MerkleTree;
import org.qianhe.batch.archive.PartitionDirs;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.model.storage.StorageLayout;

/**
 * Re-derives everything a partition's manifest claims (file digests, row counts, Merkle roots,
 * time range) from the files themselves, and checks each record's partition, order, uniqueness,
 * protection of people, receipt and signature ({@link Authenticity}).
 */
public final class PartitionVerifier {

  private final ArchiveStorage storage;
  private final ConsentParquet parquet;
  private final SearchCount searchCount;
  private final Authenticity authenticity;

  /** Documents the search index holds for a region-day. */
  @FunctionalInterface
  public interface SearchCount {
    long count(String region, LocalDate date) throws IOException;
  }

  public PartitionVerifier(ArchiveStorage storage) {
    this(storage, null, Authenticity.unconfigured());
  }

  /**
   * @param searchCount  null: do not compare with the search index
   * @param authenticity the receipt and signature checks, with the keys configured
   */
  public PartitionVerifier(ArchiveStorage storage, SearchCount searchCount, Authenticity authenticity) {
    this.storage = storage;
    this.parquet = new ConsentParquet(storage.conf(), 3);
    this.searchCount = searchCount;
    this.authenticity = authenticity;
  }

  public PartitionVerification verify(String region, LocalDate date) throws IOException {
    String name = StorageLayout.partition(region, date);
    Path dir = new Path(StorageLayout.archivePartition(storage.root(), region, date));
    List<Finding> findings = new ArrayList<>();
    if (new PartitionDirs(dir).pending(storage)) {
      findings.add(Finding.mismatch(Property.USABILITY, name,
          "an interrupted compaction is pending: run compact --date " + date + " --region " + region));
    }
    Optional<Manifest> read = PartitionManifests.read(storage, dir);
    if (read.isEmpty()) {
      findings.add(Finding.mismatch(Property.USABILITY, name, StorageLayout.MANIFEST + " is missing or unreadable"));
      return new PartitionVerification(name, 0, 0, findings);
    }
    Manifest manifest = read.get();
    if (!Manifest.FORMAT.equals(manifest.format())) {
      findings.add(Finding.mismatch(Property.USABILITY, name, "unknown manifest format " + manifest.format()));
    }
    if (!region.equals(manifest.region()) || !date.toString().equals(manifest.date())) {
      findings.add(Finding.mismatch(Property.INTEGRITY, name, "manifest describes region=" + manifest.region()
          + "/date=" + manifest.date()));
    }
    if (!PartitionManifests.schemaFingerprint().equals(manifest.schemaFingerprint())) {
      findings.add(Finding.note(Property.USABILITY, name, "written under another schema version ("
          + manifest.schemaFingerprint().substring(0, 12) + "...); read through schema resolution"));
    }
    List<String> onDisk = PartitionManifests.dataFiles(storage, dir);
    for (String file : onDisk) {
      if (manifest.files().stream().noneMatch(listed -> listed.name().equals(file))) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, file + " is not in the manifest"));
      }
    }
    RecordWalk walk = new RecordWalk(name, region, date, authenticity.tally(name));
    boolean complete = true;
    for (Manifest.File listed : manifest.files()) {
      complete &= verifyFile(dir, name, listed, onDisk, walk, findings);
    }
    if (complete) {
      if (walk.rows != manifest.rows()) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, walk.rows + " rows, manifest says " + manifest.rows()));
      }
      if (!Digests.hex(walk.merkle.root()).equals(manifest.merkleRoot())) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, "Merkle root over the records differs from the manifest"));
      }
      if (walk.rows > 0 && (!Instant.ofEpochMilli(walk.min).toString().equals(manifest.minOccurredAt())
          || !Instant.ofEpochMilli(walk.max).toString().equals(manifest.maxOccurredAt()))) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, "occurredAt range differs from the manifest"));
      }
      if (walk.signed != manifest.signedRecords()) {
        findings.add(Finding.mismatch(Property.AUTHENTICITY, name, walk.signed + " signed records, manifest says "
            + manifest.signedRecords()));
      }
    }
    walk.report(findings);
    if (searchCount != null && complete) {
      compareWithSearch(region, date, name, walk.rows, findings);
    }
    return new PartitionVerification(name, walk.rows, walk.signed, findings);
  }

  /**
   * The search index is a derived view: it must hold every archived record of the day, and at
   * most those plus the ones still staged (indexed live, not compacted yet).
   */
  private void compareWithSearch(String region, LocalDate date, String name, long rows, List<Finding> findings) {
    try {
      long documents = searchCount.count(region, date);
      long staged = 0;
      for (var file : new org.qianhe.batch.compact.StagingScan(storage).stagedFiles(region, date)) {
        try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(
            org.apache.parquet.hadoop.util.HadoopInputFile.fromStatus(file, storage.conf()))) {
          staged += reader.getRecordCount();
        }
      }
      if (documents < rows || documents > rows + staged) {
        findings.add(Finding.mismatch(Property.USABILITY, name, "search index holds " + documents
            + " documents for the day, the archive " + rows + (staged > 0 ? " (+" + staged + " staged)" : "")
            + ": run reindex"));
      }
    } catch (IOException | RuntimeException e) {
      findings.add(Finding.mismatch(Property.USABILITY, name, "search index not comparable: " + e.getClass().getSimpleName()));
    }
  }

  private boolean verifyFile(Path dir, String name, Manifest.File listed, List<String> onDisk, RecordWalk walk,
      List<Finding> findings) {
    if (!onDisk.contains(listed.name())) {
      findings.add(Finding.mismatch(Property.INTEGRITY, name, listed.name() + " is listed in the manifest but missing"));
      return false;
    }
    Path file = new Path(dir, listed.name());
    try {
      if (!Digests.hex(storage.sha256(file)).equals(listed.sha256())) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, listed.name() + ": SHA-256 differs from the manifest"));
      }
    } catch (IOException e) {
      findings.add(Finding.mismatch(Property.USABILITY, name, listed.name() + " cannot be read: " + e.getClass().getSimpleName()));
      return false;
    }
    try {
      FileScan.Result result = FileScan.asWritten(parquet).scan(file, (record, encoded, digest) -> walk.visit(record, encoded, digest));
      if (result.rows() != listed.rows()) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, listed.name() + ": " + result.rows()
            + " rows, manifest says " + listed.rows()));
      }
      if (!result.merkleRoot().equals(listed.merkleRoot())) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, listed.name() + ": record digests differ from the manifest"));
      }
      return true;
    } catch (IOException | RuntimeException e) {
      // A flipped byte usually surfaces here: page checksum, decompression or decoding fails.
      findings.add(Finding.mismatch(Property.USABILITY, name, listed.name() + " does not read as consent Parquet ("
          + e.getClass().getSimpleName() + ")"));
      return false;
    }
  }

  /** Per-record checks over the partition, in file order. */
  private static final class RecordWalk {
    private final String name;
    private final String region;
    private final LocalDate date;
    private final MerkleTree merkle = new MerkleTree();
    private final Set<String> ids = new HashSet<>();
    private long rows;
    private long signed;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long misfiled;
    private long duplicates;
    private long outOfOrder;
    private long unprotected;
    private String firstUnprotected;
    private String previousKey;
    private final Authenticity.Tally authenticity;

    RecordWalk(String name, String region, LocalDate date, Authenticity.Tally authenticity) {
      this.name = name;
      this.region = region;
      this.date = date;
      this.authenticity = authenticity;
    }

    void visit(GenericRecord record, byte[] encoded, byte[] digest) {
      rows++;
      merkle.add(digest);
      long occurredAt = (Long) record.get("occurredAt");
      min = Math.min(min, occurredAt);
      max = Math.max(max, occurredAt);
      String consentId = record.get("consentId").toString();
      if (!ids.add(consentId)) {
        duplicates++;
      }
      if (!region.equals(record.get("regionCode").toString())
          || !date.equals(StorageLayout.partitionDate(Instant.ofEpochMilli(occurredAt)))) {
        misfiled++;
      }
      GenericRecord vaccination = (GenericRecord) record.get("vaccination");
      String key = String.join("\u0000", record.get("siteCode").toString(), vaccination.get("vaccineCode").toString(),
          vaccination.get("lotNumber").toString(), String.format("%020d", occurredAt), consentId);
      if (previousKey != null && previousKey.compareTo(key) > 0) {
        outOfOrder++;
      }
      previousKey = key;
      if (record.get("signature") != null) {
        signed++;
      }
      authenticity.visit(record, encoded);
      String field = RecordChecks.unprotectedField(record);
      if (field != null) {
        unprotected++;
        firstUnprotected = firstUnprotected == null ? consentId + " (" + field + ")" : firstUnprotected;
      }
    }

    void report(List<Finding> findings) {
      if (duplicates > 0) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, duplicates + " records repeat a consentId"));
      }
      if (misfiled > 0) {
        findings.add(Finding.mismatch(Property.INTEGRITY, name, misfiled + " records belong to another region or day"));
      }
      if (outOfOrder > 0) {
        findings.add(Finding.mismatch(Property.USABILITY, name, outOfOrder + " records out of the archive sort order"));
      }
      if (unprotected > 0) {
        findings.add(Finding.mismatch(Property.SECURITY, name, unprotected
            + " records with a person field not masked, keyed or sealed; first: " + firstUnprotected));
      }
      authenticity.report(findings);
    }
  }
}
