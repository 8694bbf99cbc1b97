package org.qianhe.ingest.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
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
 */
@Validated
@ConfigurationProperties("qianhe.ingest")
public record IngestProperties(
    @Valid @NotNull @DefaultValue Kafka kafka,
    @NotNull @DefaultValue("256KB") DataSize maxBodySize,
    @NotNull @DefaultValue("10s") Duration retryAfter,
    @NotNull @DefaultValue("5m") Duration clockSkew,
    @NotNull @DefaultValue("./data") Path dataDir) {

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
