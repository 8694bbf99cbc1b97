package org.qianhe.batch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the batch jobs ({@code qianhe.batch.*} in {@code batch.properties}). Per-run
 * inputs (dates, regions) are job parameters, not settings.
 *
 * @param root    Hadoop FileSystem URI holding {@code staging/} and {@code archive/}
 * @param hadoop  extra Hadoop configuration, e.g. {@code qianhe.batch.hadoop.dfs.replication=3}
 * @param compact tuning of the compact job
 * @param elasticsearch where the reindex job rebuilds the search index
 * @param reindex tuning of the reindex job
 * @param retention the retention policy
 * @param verify    what the verify job compares besides the files
 * @param evidence  ingest's evidence store, where retention deletes the evidence of removed records
 */
@ConfigurationProperties("qianhe.batch")
public record BatchJobsProperties(
    @DefaultValue("file:///var/tmp/qianhe") String root,
    Map<String, String> hadoop,
    @DefaultValue Compact compact,
    @DefaultValue Elasticsearch elasticsearch,
    @DefaultValue Reindex reindex,
    @DefaultValue Retention retention,
    @DefaultValue Verify verify,
    @DefaultValue Evidence evidence) {

  public BatchJobsProperties {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("qianhe.batch.root must be a Hadoop FileSystem URI, e.g. file:///var/tmp/qianhe");
    }
    hadoop = hadoop == null ? Map.of() : Map.copyOf(hadoop);
  }

  /**
   * @param targetFileSize a part file is closed and the next begun once it reaches this size
   * @param rowGroupSize   Parquet row group size (the unit readers skip by statistics and bloom filters)
   * @param pageSize       Parquet page size (the unit of the page index)
   * @param zstdLevel      ZSTD compression level, 1 (fast) to 22 (small)
   * @param bloomFilterFpp false-positive probability of the bloom filters on lot number and child key
   * @param threads        partitions (region-days) compacted in parallel
   * @param sortMemory     encoded bytes of one partition that may be sorted in memory; beyond it the job fails clearly
   * @param fileWriteDelay pause after each written file; only for tests that kill a compaction mid-way
   */
  public record Compact(
      @DefaultValue("128MB") DataSize targetFileSize,
      @DefaultValue("64MB") DataSize rowGroupSize,
      @DefaultValue("1MB") DataSize pageSize,
      @DefaultValue("3") int zstdLevel,
      @DefaultValue("0.01") double bloomFilterFpp,
      @DefaultValue("2") int threads,
      @DefaultValue("1GB") DataSize sortMemory,
      @DefaultValue("0s") Duration fileWriteDelay) {

    public Compact {
      require(targetFileSize.toBytes() > 0, "target-file-size must be positive");
      require(rowGroupSize.toBytes() > 0, "row-group-size must be positive");
      require(pageSize.toBytes() > 0 && pageSize.toBytes() <= Integer.MAX_VALUE, "page-size must be positive and below 2GB");
      require(zstdLevel >= 1 && zstdLevel <= 22, "zstd-level must be 1..22");
      require(bloomFilterFpp > 0 && bloomFilterFpp < 1, "bloom-filter-fpp must be in (0, 1)");
      require(threads >= 1, "threads must be at least 1");
      require(sortMemory.toBytes() > 0, "sort-memory must be positive");
      require(!fileWriteDelay.isNegative(), "file-write-delay must not be negative");
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException("qianhe.batch.compact." + message);
      }
    }
  }

  /** @param url HTTP URL of an Elasticsearch node of the cluster holding the {@code consents} alias */
  public record Elasticsearch(@DefaultValue("http://127.0.0.1:9200") String url) {}

  /**
   * @param catchUpWindow after the alias swap, documents the live pipeline indexed this long before
   *                      the rebuild started (and since) are copied from the old index: more than
   *                      the stream job's checkpoint interval, the most a staged file lags behind
   */
  public record Reindex(@DefaultValue("1h") Duration catchUpWindow) {

    public Reindex {
      if (catchUpWindow.isNegative()) {
        throw new IllegalArgumentException("qianhe.batch.reindex.catch-up-window must not be negative");
      }
    }
  }

  /**
   * @param yearsAfterLotExpiry a vaccination record is kept at least this many years after its
   *                            lot's expiry date (the Vaccine Administration Law asks for five)
   */
  public record Retention(@DefaultValue("5") int yearsAfterLotExpiry) {

    public Retention {
      if (yearsAfterLotExpiry < 5) {
        throw new IllegalArgumentException("qianhe.batch.retention.years-after-lot-expiry must be at least 5 (the law's minimum)");
      }
    }
  }

  /**
   * @param compareElasticsearch also compare each partition's row count with the search index at
   *                             {@code qianhe.batch.elasticsearch.url} (alias {@code consents})
   * @param receiptKeys          ingest's receipt public keys (base64 X.509, as {@code GET /v1/receipt-keys}
   *                             publishes them, old ones too): receipt signatures are checked against them
   * @param terminalRegistryUrl  JDBC URL of ingest's database (table {@code terminal}): terminal
   *                             signatures are checked against the registered keys; empty: not checked
   * @param terminalRegistryUsername its user
   * @param terminalRegistryPassword its password
   * @param identityKeyFile      ingest's key file ({@code data-dir/keys/ingest-keys.properties}): its
   *                             identity-sealing key lets verify rebuild the signed upload in memory and
   *                             re-check the terminal signature value and the receipt's content digest
   */
  public record Verify(
      @DefaultValue("false") boolean compareElasticsearch,
      List<String> receiptKeys,
      @DefaultValue("") String terminalRegistryUrl,
      @DefaultValue("") String terminalRegistryUsername,
      @DefaultValue("") String terminalRegistryPassword,
      @DefaultValue("") String identityKeyFile) {

    public Verify {
      receiptKeys = receiptKeys == null ? List.of() : List.copyOf(receiptKeys);
    }
  }

  /**
   * Ingest's evidence store ({@code qianhe.ingest.evidence.*}, library {@code ingest/evidence}):
   * {@code retention --apply} deletes the evidence objects of the records it removes, found by
   * their keyed address. The keystore must exist: the job never creates keys (a new address key
   * would find nothing).
   *
   * @param root             Hadoop FileSystem URI of the store; empty: not configured, and {@code retention --apply} refuses to run
   * @param keystore         ingest's PKCS12 evidence keystore (address key and KEKs)
   * @param keystorePassword its password; empty: read from the file {@code keystore + ".password"} as ingest creates it
   * @param cryptoSuite      ingest's crypto suite, GM or INTL (addresses are keyed with its MAC; the other suite's are tried too)
   */
  public record Evidence(
      @DefaultValue("") String root,
      @DefaultValue("") String keystore,
      @DefaultValue("") String keystorePassword,
      @DefaultValue("GM") String cryptoSuite) {

    public Evidence {
      if (!org.qianhe.model.crypto.CryptoSuites.names().contains(cryptoSuite.strip().toUpperCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException("qianhe.batch.evidence.crypto-suite must be GM or INTL");
      }
      if (!root.isBlank() && keystore.isBlank()) {
        throw new IllegalArgumentException("qianhe.batch.evidence.keystore is needed with qianhe.batch.evidence.root");
      }
    }

    public boolean configured() {
      return !root.isBlank();
    }
  }
}
