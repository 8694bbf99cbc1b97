package org.qianhe.ingest.consent;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.qianhe.ingest.system.IngestProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one Kafka producer of the service: idempotent, {@code acks=all}, every wait bounded, so an
 * upload either is durably in {@code consent.raw} or fails within max-block + ack-timeout.
 *
 * <p>A timeout does not prove the record is absent: the producer may still deliver it after the
 * terminal was told 503. The terminal then retries with the same consentId, and every later stage
 * is idempotent on consentId (DESIGN.md section 2), so the copy is absorbed, never doubled.
 */
@Component
class RawConsentProducer implements DisposableBean {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final Duration ackTimeout;

  RawConsentProducer(IngestProperties properties) {
    IngestProperties.Kafka kafka = properties.kafka();
    this.producer = new KafkaProducer<>(config(kafka), new StringSerializer(), new ByteArraySerializer());
    this.topic = kafka.topic();
    this.ackTimeout = kafka.ackTimeout();
  }

  static Map<String, Object> config(IngestProperties.Kafka kafka) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "qianhe-ingest");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.maxBlock().toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) kafka.requestTimeout().toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) kafka.deliveryTimeout().toMillis());
    config.put(ProducerConfig.LINGER_MS_CONFIG, (int) kafka.linger().toMillis());
    return config;
  }

  /** Sends one record keyed by consentId and waits for its acknowledgement. */
  void send(String consentId, byte[] value) {
    try {
      Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, consentId, value));
      ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new NotAcknowledgedException("no acknowledgement within " + ackTimeout);
    } catch (ExecutionException e) {
      throw new NotAcknowledgedException(e.getCause().getClass().getSimpleName());
    } catch (KafkaException e) {
      throw new NotAcknowledgedException(e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotAcknowledgedException("interrupted");
    }
  }

  @Override
  public void destroy() {
    producer.close(CLOSE_TIMEOUT);
  }

  /** Kafka did not confirm the record; the message names the cause's type, never record content. */
  static final class NotAcknowledgedException extends RuntimeException {
    NotAcknowledgedException(String message) {
      super(message);
    }
  }
}
