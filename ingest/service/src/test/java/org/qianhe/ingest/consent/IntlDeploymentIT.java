package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.qianhe.ingest.IngestApplication;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.ReceiptSignatures;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.terminal.client.ConsentClient;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.simulator.SimulatedCapture;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The same round trip on a deployment of the other suite ({@code crypto-suite=INTL}: receipts
 * signed with ECDSA P-256, content digests SHA-256, evidence sealed with AES-256-GCM), beside the
 * GM deployment of {@link RunningIngest} on the same Kafka and database.
 */
@org.junit.jupiter.api.extension.ExtendWith(RunningIngest.Lifecycle.class)
class IntlDeploymentIT {

  @Test
  void anIntlDeploymentAcceptsAnIntlTerminalsUploadEndToEnd() throws Exception {
    RunningIngest gm = RunningIngest.get();
    Path dataDir = Files.createTempDirectory(gm.dataDir, "intl");
    CryptoSuite intl = CryptoSuites.INTL;
    try (ConfigurableApplicationContext app = IngestApplication.start("--server.port=0", "--spring.profiles.active=postgres",
        "--qianhe.data-dir=" + dataDir, "--qianhe.ingest.crypto-suite=INTL",
        "--qianhe.ingest.kafka.bootstrap-servers=" + gm.kafka.bootstrapServers())) {
      URI baseUri = URI.create("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"));
      ConsentUpload upload = ConsentUploadIT.biometric(4242);
      SigningKey key = intl.generateSigningKey(new SecureRandom());
      app.getBean(TerminalRegistry.class).register(upload.getTerminalId(), upload.getSiteCode(), upload.getRegionCode(),
          key.verificationKey());
      Submission captured = SimulatedCapture.of(upload, intl);
      Submission signed = new Submission(UploadSignatures.sign(captured.upload(), intl, key, Instant.now()), captured.evidence());
      Map<TopicPartition, Long> before = gm.endOffsets();

      ConsentClient.UploadResult result = new ConsentClient(baseUri, Duration.ofSeconds(30)).send(signed);

      assertThat(result.status()).as(result.body()).isEqualTo(202);
      JsonNode receipt = Uploads.parse(result.body());
      assertThat(receipt.path("contentDigest").asText()).isEqualTo(UploadSignatures.contentDigest(intl, signed.upload()));
      assertThat(receipt.path("signature").path("algorithm").asText()).isEqualTo("SHA256withECDSA");
      byte[] input = ReceiptSignatures.signingInput(upload.getConsentId(), receipt.path("contentDigest").asText(),
          Instant.parse(receipt.path("receivedAt").asText()));
      assertThat(intl.verify(app.getBean(SigningKey.class).verificationKey(), input,
          Base64.getDecoder().decode(receipt.path("signature").path("value").asText()))).isTrue();

      ConsentRecord record = ConsentRecordCodec.decode(gm.recordsSince(before, 1).get(0).value());
      EvidenceStore store = app.getBean(EvidenceStore.class);
      String address = store.address(upload.getConsentId(), record.getEvidence());
      assertThat(store.read(upload.getConsentId(), record.getEvidence())).hasSize(2);
      assertThat(store.kekIdOf(address)).startsWith("intl-kek-");
    }
  }
}
