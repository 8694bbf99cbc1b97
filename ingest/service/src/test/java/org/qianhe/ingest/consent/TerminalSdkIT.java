package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.crypto.VerificationKey;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.sdk.Faults;
import org.qianhe.terminal.sdk.RetryPolicy;
import org.qianhe.terminal.sdk.TerminalSdk;

/** The terminal SDK against the real service: offline then restarted, and its fault injection. */
@org.junit.jupiter.api.extension.ExtendWith(RunningIngest.Lifecycle.class)
class TerminalSdkIT {

  private final RunningIngest ingest = RunningIngest.get();

  @Test
  void consentsQueuedOfflineSurviveARestartOfTheTerminalAndArriveWithVerifiedReceipts() throws Exception {
    Terminal terminal = terminal(1);
    Path dir = Files.createTempDirectory(ingest.dataDir, "sdk");
    URI unreachable = URI.create("http://127.0.0.1:9"); // the clinic's network is down
    ConsentUpload first;
    ConsentUpload second;
    try (TerminalSdk offline = sdk(terminal, unreachable, dir, Faults.NONE)) {
      first = record(offline, terminal, 1);
      second = record(offline, terminal, 2);
      offline.start();
      assertThat(offline.awaitEmpty(Duration.ofSeconds(2))).as("nothing can be sent").isFalse();
    }

    try (TerminalSdk online = sdk(terminal, ingest.baseUri, dir, Faults.NONE)) {
      assertThat(online.pending()).as("the queue survived the restart").isEqualTo(2);
      online.start();
      assertThat(online.awaitEmpty(Duration.ofSeconds(60))).isTrue();
      assertThat(online.receiptIds()).containsExactlyInAnyOrder(first.getConsentId(), second.getConsentId());
      assertThat(online.queue().rejected()).isEmpty();
    }
  }

  @Test
  void duplicatesAreAbsorbedAndTamperedSignaturesAreRefused() throws Exception {
    Terminal terminal = terminal(2);
    Path dir = Files.createTempDirectory(ingest.dataDir, "sdk");
    Faults faults = new Faults(1.0, 0, Duration.ZERO, 0, 1);
    try (TerminalSdk duplicating = sdk(terminal, ingest.baseUri, dir, faults).start()) {
      ConsentUpload consent = record(duplicating, terminal, 3);
      assertThat(duplicating.awaitEmpty(Duration.ofSeconds(60))).isTrue();
      assertThat(duplicating.receiptIds()).containsExactly(consent.getConsentId());
    }
    Path tamperedDir = Files.createTempDirectory(ingest.dataDir, "sdk");
    try (TerminalSdk tampering = sdk(terminal, ingest.baseUri, tamperedDir, new Faults(0, 0, Duration.ZERO, 1.0, 1)).start()) {
      ConsentUpload consent = record(tampering, terminal, 4);
      assertThat(tampering.awaitEmpty(Duration.ofSeconds(60))).isTrue();
      assertThat(tampering.receiptIds()).isEmpty();
      assertThat(tampering.queue().rejected()).containsExactly(consent.getConsentId());
    }
  }

  @Test
  void aLateUploadIsHeldBackThenAccepted() throws Exception {
    Terminal terminal = terminal(3);
    Path dir = Files.createTempDirectory(ingest.dataDir, "sdk");
    try (TerminalSdk late = sdk(terminal, ingest.baseUri, dir, new Faults(0, 1.0, Duration.ofSeconds(2), 0, 1)).start()) {
      ConsentUpload consent = record(late, terminal, 5);
      assertThat(late.awaitEmpty(Duration.ofMillis(1000))).as("held back").isFalse();
      assertThat(late.awaitEmpty(Duration.ofSeconds(60))).isTrue();
      assertThat(late.receiptIds()).containsExactly(consent.getConsentId());
    }
  }

  private record Terminal(String id, String site, String region, SigningKey key) {}

  private Terminal terminal(long seed) {
    ConsentUpload template = ConsentUploadIT.biometric(7000 + seed);
    String id = "T-sdk-" + UUID.randomUUID().toString().substring(0, 8);
    SigningKey key = CryptoSuites.GM.generateSigningKey(new SecureRandom());
    ingest.terminals.register(id, template.getSiteCode(), template.getRegionCode(), key.verificationKey());
    return new Terminal(id, template.getSiteCode(), template.getRegionCode(), key);
  }

  private TerminalSdk sdk(Terminal terminal, URI uri, Path dir, Faults faults) throws Exception {
    return TerminalSdk.builder(terminal.id(), CryptoSuites.GM, terminal.key(), uri, dir)
        .retry(new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(500)))
        .timeout(Duration.ofSeconds(5))
        .receiptKey(receiptKey())
        .faults(faults)
        .build();
  }

  private ConsentUpload record(TerminalSdk sdk, Terminal terminal, long seed) {
    ConsentUpload consent = ConsentUploadIT.biometric(7100 + seed);
    consent.setTerminalId(terminal.id());
    consent.setSiteCode(terminal.site());
    consent.setRegionCode(terminal.region());
    Submission captured = Uploads.captured(consent);
    return sdk.record(captured.upload(), captured.evidence());
  }

  private VerificationKey receiptKey() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(ingest.baseUri.resolve("/v1/receipt-keys")).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode key = Uploads.parse(response.body()).path("keys").get(0);
    return CryptoSuites.of(key.path("suite").asText()).verificationKey(Base64.getDecoder().decode(key.path("publicKey").asText()));
  }
}
