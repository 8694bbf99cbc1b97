package org.qianhe.ingest.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the ingest service, under {@code qianhe.ingest}. The javadoc of each
 * component is the key's description in the generated configuration metadata.
 *
 * @param kafka Where accepted consents are produced, and how long the service waits for Kafka
 * @param maxBodySize Largest upload body accepted; a larger body is refused with 413 before it is parsed
 * @param retryAfter What a 503 answer tells the terminal to wait before it retries (sent in whole seconds)
 * @param clockSkew How far a terminal clock may run ahead of the server clock before a consent is judged to come from the future
 * @param dataDir Directory of the embedded defaults (key file; the H2 database lives there too); defaults to qianhe.data-dir
 * @param cryptoSuite Crypto suite of this deployment, GM (SM2/SM3/SM4) or INTL (ECDSA P-256/SHA-256/AES-256-GCM): signs receipts, digests content, encrypts evidence, and is the default suite of newly registered terminals
 * @param requestWindow How far a request's signedAt may lie from the server clock, either way; older requests are refused as replays (the consent's occurredAt may be much older: offline terminals upload late)
 * @param terminalCacheTtl How long an upload may use a terminal's registration read earlier; a revocation made by another process takes effect within this time
 * @param admin The administration endpoint /v1/admin/**
 * @param evidence Where and how evidence (fingerprints, photos, signature images) is stored
 * @param claimTimeout How long an upload may hold its consentId's claim; a claim older than this was left by a crashed or hung upload and is taken over by the next upload of the consent, or cleaned up with its evidence by the reconciler. Must exceed kafka.max-block + kafka.ack-timeout
 */
@Validated
@ConfigurationProperties("qianhe.ingest")
public record IngestProperties(
    @Valid @NotNull @DefaultValue Kafka kafka,
    @NotNull @DefaultValue("256KB") DataSize maxBodySize,
    @NotNull @DefaultValue("10s") Duration retryAfter,
    @NotNull @DefaultValue("5m") Duration clockSkew,
    @NotNull @DefaultValue("./data") Path dataDir,
    @NotBlank @DefaultValue("GM") String cryptoSuite,
    @NotNull @DefaultValue("5m") Duration requestWindow,
    @NotNull @DefaultValue("5s") Duration terminalCacheTtl,
    @Valid @NotNull @DefaultValue Admin admin,
    @NotNull @DefaultValue("60s") Duration claimTimeout,
    @Valid @NotNull @DefaultValue Evidence evidence) {

  /**
   * The evidence store ({@code ingest/evidence}).
   *
   * @param root Hadoop FileSystem URI of the store, e.g. file:///var/lib/qianhe/evidence or hdfs://namenode:8020/qianhe/evidence; a plain path means the local file system; defaults to data-dir/evidence
   * @param keystore PKCS12 keystore of the key-encryption keys and the address key; created on first start; defaults to data-dir/keys/evidence-keys.p12. Losing it makes all evidence unreadable
   * @param keystorePassword Password of the keystore (EVIDENCE_KEYSTORE_PASSWORD); when blank, a random one is created in the file keystore + '.password' (600) and read from there
   * @param syncDirectories Also fsync the directory after renaming each object into place (local file systems only): the rename is then durable at once rather than at the next journal commit, at the cost of a second fsync per upload
   * @param reconcileInterval How often claims left behind by crashed uploads are cleaned up together with their evidence, and abandoned temporary files deleted
   */
  public record Evidence(
      @DefaultValue("") String root,
      @DefaultValue("") String keystore,
      @DefaultValue("") String keystorePassword,
      @DefaultValue("false") boolean syncDirectories,
      @NotNull @DefaultValue("1m") Duration reconcileInterval) {}

  /** The store's URI: {@code evidence.root}, or {@code data-dir/evidence} on the local file system. */
  public java.net.URI evidenceRoot() {
    String root = evidence.root();
    if (root == null || root.isBlank()) {
      return dataDir.resolve("evidence").toAbsolutePath().toUri();
    }
    java.net.URI uri = java.net.URI.create(root.strip());
    return uri.getScheme() == null ? Path.of(root.strip()).toAbsolutePath().toUri() : uri;
  }

  /** The evidence keystore file: {@code evidence.keystore}, or {@code data-dir/keys/evidence-keys.p12}. */
  public Path evidenceKeystore() {
    String keystore = evidence.keystore();
    return keystore == null || keystore.isBlank() ? dataDir.resolve("keys").resolve("evidence-keys.p12") : Path.of(keystore.strip());
  }

  /** Otherwise a slow but healthy upload would lose its claim to a retry of the same consent. */
  @AssertTrue(message = "claim-timeout must exceed kafka.max-block + kafka.ack-timeout")
  public boolean isClaimTimeoutLongEnough() {
    return claimTimeout == null || kafka == null || kafka.maxBlock() == null || kafka.ackTimeout() == null
        || claimTimeout.compareTo(kafka.maxBlock().plus(kafka.ackTimeout())) > 0;
  }

  /** The deployment's suite; the name was checked at start ({@link #isKnownSuite()}). */
  public CryptoSuite suite() {
    return CryptoSuites.of(cryptoSuite);
  }

  @AssertTrue(message = "crypto-suite must be GM or INTL")
  public boolean isKnownSuite() {
    return cryptoSuite == null || CryptoSuites.names().contains(cryptoSuite.strip().toUpperCase(java.util.Locale.ROOT));
  }

  @AssertTrue(message = "request-window must be positive, terminal-cache-ttl must not be negative")
  public boolean isWindowPositive() {
    return requestWindow != null && !requestWindow.isNegative() && !requestWindow.isZero()
        && terminalCacheTtl != null && !terminalCacheTtl.isNegative();
  }

  /**
   * Who may call the administration endpoint.
   *
   * @param token Bearer token of /v1/admin/** (INGEST_ADMIN_TOKEN); when blank, a random token is created in data-dir/keys/ingest-admin.token on first start and read from there
   */
  public record Admin(@DefaultValue("") String token) {}

  @AssertTrue(message = "max-body-size and retry-after must be positive, clock-skew must not be negative")
  public boolean isPositive() {
    return maxBodySize != null && maxBodySize.toBytes() > 0
        && retryAfter != null && retryAfter.toSeconds() > 0
        && clockSkew != null && !clockSkew.isNegative();
  }

  /** Seconds for the {@code Retry-After} header: RFC 9110 allows only whole seconds. */
  public long retryAfterSeconds() {
    return retryAfter.toSeconds();
  }

  /**
   * The producer of accepted consents. The timeouts bound how long an upload can hang when Kafka
   * is slow or gone: at most max-block (metadata) plus ack-timeout, then 503.
   *
   * @param bootstrapServers Kafka bootstrap servers, host:port[,host:port...]
   * @param topic Topic that accepted consents are produced to, keyed by consentId
   * @param maxBlock Longest a send may block waiting for topic metadata or buffer space (max.block.ms)
   * @param requestTimeout Longest the producer waits for a broker's answer to one request (request.timeout.ms)
   * @param deliveryTimeout Longest the producer keeps retrying one record before failing it (delivery.timeout.ms); at least linger + request-timeout
   * @param linger How long the producer waits to fill a batch (linger.ms)
   * @param ackTimeout Longest an upload waits for Kafka's acknowledgement before answering 503
   */
  public record Kafka(
      @NotBlank @DefaultValue("localhost:9092") String bootstrapServers,
      @NotBlank @DefaultValue("consent.raw") String topic,
      @NotNull @DefaultValue("5s") Duration maxBlock,
      @NotNull @DefaultValue("5s") Duration requestTimeout,
      @NotNull @DefaultValue("10s") Duration deliveryTimeout,
      @NotNull @DefaultValue("5ms") Duration linger,
      @NotNull @DefaultValue("10s") Duration ackTimeout) {

    @AssertTrue(message = "max-block, request-timeout and ack-timeout must be positive, linger must not be negative")
    public boolean isPositive() {
      return positive(maxBlock) && positive(requestTimeout) && positive(ackTimeout)
          && linger != null && !linger.isNegative();
    }

    /** Kafka refuses to start a producer otherwise; saying so here names our key, not Kafka's. */
    @AssertTrue(message = "delivery-timeout must be at least linger + request-timeout")
    public boolean isDeliveryTimeoutLongEnough() {
      return deliveryTimeout == null || requestTimeout == null || linger == null
          || deliveryTimeout.compareTo(requestTimeout.plus(linger)) >= 0;
    }

    private static boolean positive(Duration duration) {
      return duration != null && !duration.isNegative() && !duration.isZero();
    }
  }
}
