package org.qianhe.search.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the search service, under {@code qianhe.search}. The javadoc of each
 * component is the key's description in the generated configuration metadata.
 *
 * @param elasticsearch The Elasticsearch cluster the answers come from
 * @param defaultPageSize Consents per page when a request gives no size
 * @param maxPageSize Largest size a request may ask for; larger sizes are refused with 400 (at most 9999: Elasticsearch returns at most 10000 hits per request and a page fetches one more to know whether another follows)
 * @param dataDir Directory shared by the Qianhe services of this machine (key files, the embedded database); normally ${qianhe.data-dir}
 * @param keys Where the ingest keys (blind index, identity sealing) are read from
 * @param security Login throttling, password hashing and the credential cache of the HTTP Basic API
 * @param bootstrap Accounts created or updated from configuration at startup (first administrator, API clients)
 * @param export CSV export tuning
 * @param unmask Rules for revealing an identity
 * @param cryptoSuite Crypto suite of this deployment, GM or INTL, as the ingest service's qianhe.ingest.crypto-suite (env QIANHE_CRYPTO_SUITE): evidence objects are looked up under this suite's keyed address first
 * @param evidence Where the encrypted evidence (photos, fingerprint templates, signature images, scan pages) is read from, and how it is shown
 * @param audit How long the audit log keeps its rows
 */
@Validated
@ConfigurationProperties("qianhe.search")
public record SearchProperties(
    @Valid @NotNull @DefaultValue Elasticsearch elasticsearch,
    @Min(1) @DefaultValue("100") int defaultPageSize,
    @Min(1) @Max(9999) @DefaultValue("1000") int maxPageSize,
    @NotNull @DefaultValue("./data") Path dataDir,
    @Valid @NotNull @DefaultValue Keys keys,
    @Valid @NotNull @DefaultValue Security security,
    @Valid @NotNull @DefaultValue Bootstrap bootstrap,
    @Valid @NotNull @DefaultValue Export export,
    @Valid @NotNull @DefaultValue Unmask unmask,
    @NotBlank @DefaultValue("GM") String cryptoSuite,
    @Valid @NotNull @DefaultValue Evidence evidence,
    @Valid @NotNull @DefaultValue Audit audit) {

  @AssertTrue(message = "default-page-size must not be larger than max-page-size")
  public boolean isDefaultWithinMax() {
    return defaultPageSize <= maxPageSize;
  }

  @AssertTrue(message = "crypto-suite must be GM or INTL")
  public boolean isKnownSuite() {
    return cryptoSuite == null || CryptoSuites.names().contains(cryptoSuite.strip().toUpperCase(Locale.ROOT));
  }

  /** The deployment's suite; the name was checked at start ({@link #isKnownSuite()}). */
  public CryptoSuite suite() {
    return CryptoSuites.of(cryptoSuite);
  }

  /** The evidence store's URI: {@code evidence.root}, or {@code <data-dir>/evidence} on the local file system (as ingest). */
  public URI evidenceRoot() {
    String root = evidence.root();
    if (root == null || root.isBlank()) {
      return dataDir.resolve("evidence").toAbsolutePath().toUri();
    }
    URI uri = URI.create(root.strip());
    return uri.getScheme() == null ? Path.of(root.strip()).toAbsolutePath().toUri() : uri;
  }

  /** The evidence keystore: {@code evidence.keystore}, or {@code <data-dir>/keys/evidence-keys.p12} (as ingest). */
  public Path evidenceKeystore() {
    String keystore = evidence.keystore();
    return keystore == null || keystore.isBlank() ? dataDir.resolve("keys").resolve("evidence-keys.p12") : Path.of(keystore.strip());
  }

  /** The ingest key file: {@code keys.file}, or {@code <data-dir>/keys/ingest-keys.properties}. */
  public Path keyFile() {
    return keys.file() != null ? keys.file() : dataDir.resolve("keys").resolve("ingest-keys.properties");
  }

  /**
   * @param url HTTP URL of an Elasticsearch node, e.g. http://127.0.0.1:9200
   */
  public record Elasticsearch(
      @NotNull @Pattern(regexp = "https?://[^/\\s]+/?", message = "must be http(s)://host:port")
      @DefaultValue("http://127.0.0.1:9200") String url) {}

  /**
   * @param file Properties file with the ingest keys (blind-index.key, identity-sealing.key-id, identity-sealing.key, Base64); empty = <data-dir>/keys/ingest-keys.properties. Read only, never created here: ingest creates it
   */
  public record Keys(Path file) {}

  /**
   * @param maxLoginFailures Failed logins of one user name after which further attempts for that name are refused without checking the password until the window has passed
   * @param maxAddressFailures Failed logins from one client address (any names) after which further attempts from it are refused the same way
   * @param loginFailureWindow How long failed logins are remembered, and how long a throttled name or address waits
   * @param credentialCacheTtl How long a verified API password is remembered (as a keyed hash, in memory) so that HTTP Basic requests do not pay for Argon2id each time; account changes made here clear it at once
   * @param argon2MemoryKib Argon2id memory cost in KiB for new password hashes (OWASP: 19456 with 2 iterations)
   * @param argon2Iterations Argon2id iterations for new password hashes
   * @param minPasswordLength Shortest password an account may be given
   */
  public record Security(
      @Min(1) @DefaultValue("5") int maxLoginFailures,
      @Min(1) @DefaultValue("30") int maxAddressFailures,
      @NotNull @DefaultValue("15m") Duration loginFailureWindow,
      @NotNull @DefaultValue("2m") Duration credentialCacheTtl,
      @Min(8192) @DefaultValue("19456") int argon2MemoryKib,
      @Min(1) @DefaultValue("2") int argon2Iterations,
      @Min(8) @DefaultValue("12") int minPasswordLength) {}

  /**
   * @param adminUsername Name of the administrator created when the database has none
   * @param adminPassword Password of that administrator (env QIANHE_SEARCH_ADMIN_PASSWORD); when empty on the embedded H2 default a random one is generated and printed once; on any other database an empty one stops the start
   * @param users Accounts kept as configured at every start (created, or their password, roles and regions reset), e.g. the pipeline's API client: username, password, roles (ANALYST, TRACE_OFFICER, REVIEWER, ADMIN), regions (region-code prefixes, * for all)
   */
  public record Bootstrap(
      @NotBlank @DefaultValue("admin") String adminUsername,
      @DefaultValue("") String adminPassword,
      @Valid @DefaultValue List<ConfiguredUser> users) {}

  /**
   * One account declared in configuration.
   *
   * @param username login name
   * @param password password (from the environment, never from a committed file)
   * @param displayName name shown in the UI; the username when empty
   * @param roles ANALYST, TRACE_OFFICER, REVIEWER, ADMIN
   * @param regions region-code prefixes the account may see, * for every region
   */
  public record ConfiguredUser(
      @NotBlank String username,
      @NotBlank String password,
      @DefaultValue("") String displayName,
      @NotNull List<String> roles,
      @NotNull List<String> regions) {}

  /**
   * @param batchSize Consents fetched per Elasticsearch request while exporting (at most 10000)
   * @param parallelism Elasticsearch requests in flight per export, each reading its own period of the export's time span (the rows still come out in order)
   * @param keepAlive How long Elasticsearch keeps the export's point in time between two requests
   * @param progressRetention How long the progress of a finished export can still be asked for
   */
  public record Export(
      @Min(100) @Max(10000) @DefaultValue("5000") int batchSize,
      @Min(1) @Max(8) @DefaultValue("2") int parallelism,
      @NotNull @DefaultValue("2m") Duration keepAlive,
      @NotNull @DefaultValue("10m") Duration progressRetention) {}

  /**
   * @param minReasonLength Fewest characters a stated reason for revealing an identity must have
   */
  public record Unmask(@Min(1) @DefaultValue("10") int minReasonLength) {}

  /**
   * The evidence store written by the ingest service (library ingest/evidence), read here only: the
   * same root and keystore as qianhe.ingest.evidence.*. Nothing is created here; until ingest has
   * created the keystore, viewing evidence answers 503.
   *
   * @param root Hadoop FileSystem URI of the store, e.g. file:///var/lib/qianhe/evidence or hdfs://namenode:8020/qianhe/evidence; a plain path means the local file system; empty = <data-dir>/evidence
   * @param keystore PKCS12 keystore of the key-encryption keys and the address key; empty = <data-dir>/keys/evidence-keys.p12
   * @param keystorePassword Password of the keystore (env EVIDENCE_KEYSTORE_PASSWORD); when empty, read from the file keystore + '.password' that ingest created
   * @param maxPixels Largest image (width x height) that is decoded to be watermarked; a larger one is refused rather than decoded (a 300 dpi A4 scan has about 8.7 million)
   * @param jpegQuality JPEG quality (0.1 to 1.0) of watermarked photos and scan pages; signatures and fingerprint renderings are PNG
   */
  public record Evidence(
      @DefaultValue("") String root,
      @DefaultValue("") String keystore,
      @DefaultValue("") String keystorePassword,
      @Min(1) @DefaultValue("40000000") long maxPixels,
      @DecimalMin("0.1") @DecimalMax("1.0") @DefaultValue("0.85") float jpegQuality) {

    @Override
    public String toString() {
      return "Evidence[root=" + root + ", keystore=" + keystore + ", maxPixels=" + maxPixels + "]"; // never the password
    }
  }

  /**
   * @param retention How long audit rows are kept before the nightly run removes them from the start of the chain, e.g. 3y or 5y; at least 3 years (the Vaccine Administration Law), which PostgreSQL enforces too
   * @param retentionSchedule Cron expression (clinic time, Asia/Shanghai) of the nightly audit retention run; - switches it off
   */
  public record Audit(
      @NotNull @DefaultValue("3y") Period retention,
      @NotBlank @DefaultValue("0 30 3 * * *") String retentionSchedule) {

    @AssertTrue(message = "audit.retention must be at least 3 years")
    public boolean isRetentionAtLeastMinimum() {
      return retention == null || org.qianhe.search.audit.AuditRetention.atLeastMinimum(retention);
    }
  }
}
