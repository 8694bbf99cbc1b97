package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentUpload;

/** Metrics for Prometheus and health with Kafka and the evidence store, on the running service. */
@org.junit.jupiter.api.extension.ExtendWith(RunningIngest.Lifecycle.class)
class ObservabilityIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final RunningIngest ingest = RunningIngest.get();

  @Test
  void healthNamesKafkaTheEvidenceStoreAndTheDatabaseAndReadinessNeedsThem() throws Exception {
    JsonNode health = Uploads.parse(get("/actuator/health").body());
    HttpResponse<String> readiness = get("/actuator/health/readiness");

    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("kafka").path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("evidenceStore").path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
    assertThat(readiness.statusCode()).isEqualTo(200);
  }

  @Test
  void prometheusShowsAcceptedRefusedByReasonAndLatency() throws Exception {
    ConsentUpload upload = Uploads.registered(ingest.terminals, ConsentUploadIT.biometric(77));
    var submission = Uploads.submission(upload);
    assertThat(ingest.client.send(submission).status()).isEqualTo(202);
    assertThat(ingest.client.send(submission).status()).isEqualTo(202);
    assertThat(ingest.client.send(Uploads.captured(Uploads.registered(ingest.terminals, ConsentUploadIT.biometric(78))))
        .status()).isEqualTo(401);

    String metrics = get("/actuator/prometheus").body();

    assertThat(metrics).containsPattern("qianhe_ingest_uploads_accepted_total\\{[^}]*replay=\"false\"[^}]*} [1-9]");
    assertThat(metrics).containsPattern("qianhe_ingest_uploads_accepted_total\\{[^}]*replay=\"true\"[^}]*} [1-9]");
    assertThat(metrics).containsPattern("qianhe_ingest_uploads_refused_total\\{[^}]*reason=\"SIGNATURE_MISSING\"[^}]*status=\"401\"");
    assertThat(metrics).contains("qianhe_ingest_upload_seconds_bucket{").contains("outcome=\"accepted\"");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(ingest.baseUri.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
