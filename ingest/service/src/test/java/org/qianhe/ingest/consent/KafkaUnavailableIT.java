package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.ingest.IngestApplication;
import org.qianhe.ingest.terminal.TerminalRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.model.ConsentUpload;
import org.qianhe.terminal.client.ConsentClient;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Kafka gone: the service is pointed at a port nothing listens on, so no upload can be
 * acknowledged. It must answer 503 with Retry-After within its configured bounds (the request's
 * timeout is the bound here: a hanging request fails the test) and never issue a receipt.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaUnavailableIT {

  private static ConfigurableApplicationContext app;
  private static URI baseUri;

  @BeforeAll
  static void start(@TempDir Path dataDir) throws IOException {
    app = IngestApplication.start("--server.port=0", "--spring.profiles.active=postgres",
        "--qianhe.data-dir=" + dataDir,
        "--qianhe.ingest.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
        "--qianhe.ingest.kafka.max-block=1s", "--qianhe.ingest.kafka.request-timeout=1s",
        "--qianhe.ingest.kafka.delivery-timeout=2s", "--qianhe.ingest.kafka.ack-timeout=2s",
        "--qianhe.ingest.retry-after=7s");
    baseUri = URI.create("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void uploadIs503WithRetryAfterWhenKafkaDoesNotAcknowledge(CapturedOutput output) throws Exception {
    ConsentUpload upload = ConsentUploadIT.biometric(11);
    Uploads.registered(app.getBean(TerminalRegistry.class), upload);

    // max-block + ack-timeout is 3 s: still open after 15 s is a hang
    ConsentClient client = new ConsentClient(baseUri, Duration.ofSeconds(15));
    ConsentClient.UploadResult response = client.send(Uploads.submission(upload));
    Set<String> objects = new TreeSet<>();
    app.getBean(EvidenceStore.class).list().forEach(o -> objects.add(o.address()));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.retryAfterSeconds()).isEqualTo(7L);
    assertThat(objects).as("no orphaned evidence").isEmpty();
    assertThat(app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql("SELECT COUNT(*) FROM consent_receipt WHERE consent_id = :id").param("id", upload.getConsentId())
        .query(Long.class).single()).as("the claim was released").isZero();
    JsonNode problem = Uploads.parse(response.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:ingest-unavailable");
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.has("contentDigest")).as("no receipt").isFalse();
    assertThat(output.getAll()).contains("consent " + upload.getConsentId() + " not accepted");
    assertThat(Uploads.leaked(response.body() + output.getAll(), Uploads.identitiesOf(upload)))
        .as("raw identities in the answer or the log").isEmpty();
  }

  /** A loopback port that was free a moment ago and that nothing listens on now. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
