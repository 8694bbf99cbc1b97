package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.sdk.RetryPolicy;
import org.qianhe.terminal.sdk.TerminalSdk;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nothing lost, nothing doubled (DESIGN.md section 6): terminals record consents while the Kafka
 * broker is stopped and restarted under them. The service answers 503 while Kafka is gone, the
 * terminals keep their consents queued and retry, and in the end every consent a terminal recorded
 * has a receipt, is in {@code consent.raw} (after dedup by consentId: receipts = records) and has its
 * evidence in the store; no claim or temporary file is left behind.
 */
@org.junit.jupiter.api.extension.ExtendWith(RunningIngest.Lifecycle.class)
class KafkaOutageIT {

  private static final int TERMINALS = 4;
  private static final int CONSENTS_PER_TERMINAL = 12;

  @Test
  void everyConsentRecordedAcrossABrokerOutageArrivesExactlyOnce() throws Exception {
    RunningIngest ingest = RunningIngest.get();
    Map<TopicPartition, Long> before = ingest.endOffsets();
    Path terminalsDir = Files.createTempDirectory(ingest.dataDir, "terminals");
    List<TerminalSdk> sdks = new ArrayList<>();
    List<ConsentUpload> templates = new ArrayList<>();
    for (int t = 0; t < TERMINALS; t++) {
      ConsentUpload template = ConsentUploadIT.biometric(9000 + t);
      template.setTerminalId("T-outage-" + t + "-" + UUID.randomUUID().toString().substring(0, 8));
      SigningKey key = CryptoSuites.GM.generateSigningKey(new SecureRandom());
      ingest.terminals.register(template.getTerminalId(), template.getSiteCode(), template.getRegionCode(), key.verificationKey());
      templates.add(template);
      sdks.add(TerminalSdk.builder(template.getTerminalId(), CryptoSuites.GM, key, ingest.baseUri, terminalsDir.resolve("t" + t))
          .retry(new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2)))
          .timeout(Duration.ofSeconds(20))
          .build().start());
    }

    Set<String> recorded = new TreeSet<>();
    Instant[] restartedAt = new Instant[1];
    boolean[] reportedDown = new boolean[1];
    CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> {
      sleep(Duration.ofSeconds(2));
      ingest.kafka.stopBroker();
      Instant until = Instant.now().plusSeconds(8);
      while (Instant.now().isBefore(until)) {
        reportedDown[0] |= readiness(ingest) == 503;
        sleep(Duration.ofMillis(500));
      }
      restartedAt[0] = Instant.now();
      ingest.kafka.restartBroker();
    });
    try {
      for (int i = 0; i < CONSENTS_PER_TERMINAL; i++) {
        for (int t = 0; t < TERMINALS; t++) {
          ConsentUpload consent = ConsentUploadIT.biometric(10_000L * (t + 1) + i);
          consent.setTerminalId(templates.get(t).getTerminalId());
          consent.setSiteCode(templates.get(t).getSiteCode());
          consent.setRegionCode(templates.get(t).getRegionCode());
          Submission captured = Uploads.captured(consent);
          recorded.add(sdks.get(t).record(captured.upload(), captured.evidence()).getConsentId());
        }
        Thread.sleep(800); // consents keep coming for ~10 s, before, during and after the outage
      }
      outage.get();
      for (TerminalSdk sdk : sdks) {
        assertThat(sdk.awaitEmpty(Duration.ofMinutes(2))).as("terminal queue drained").isTrue();
      }
    } finally {
      outage.join();
      for (TerminalSdk sdk : sdks) {
        sdk.close();
      }
    }

    Set<String> receipts = new TreeSet<>();
    Map<String, Instant> receivedAt = new TreeMap<>();
    for (TerminalSdk sdk : sdks) {
      assertThat(sdk.queue().rejected()).as("nothing refused").isEmpty();
      for (String id : sdk.receiptIds()) {
        receipts.add(id);
        receivedAt.put(id, Instant.parse(sdk.receipt(id).path("receivedAt").asText()));
      }
    }
    assertThat(reportedDown[0]).as("readiness went DOWN while Kafka was gone").isTrue();
    assertThat(readiness(ingest)).as("and is UP again").isEqualTo(200);
    assertThat(recorded).hasSize(TERMINALS * CONSENTS_PER_TERMINAL);
    assertThat(receipts).as("a receipt for every consent recorded").isEqualTo(recorded);
    assertThat(receivedAt.values()).as("some consents waited out the outage in their queues")
        .anyMatch(at -> at.isAfter(restartedAt[0]));

    List<ConsumerRecord<String, byte[]>> produced = ingest.recordsSince(before);
    Map<String, List<ConsentRecord>> byId = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> record : produced) {
      ConsentRecord decoded = ConsentRecordCodec.decode(record.value());
      assertThat(decoded.getConsentId()).isEqualTo(record.key());
      byId.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(decoded);
    }
    assertThat(byId.keySet()).as("consent.raw after dedup by consentId = receipts").isEqualTo(receipts);
    int duplicates = produced.size() - byId.size();
    System.out.printf("outage drill: %d consents recorded, %d receipts, %d records in consent.raw (%d duplicates absorbed by dedup)%n",
        recorded.size(), receipts.size(), produced.size(), duplicates);

    for (Map.Entry<String, List<ConsentRecord>> entry : byId.entrySet()) {
      ConsentRecord record = entry.getValue().get(0);
      assertThat(ingest.store.read(record.getConsentId(), record.getEvidence())).as("evidence of " + entry.getKey()).hasSize(2);
      assertThat(entry.getValue()).extracting(r -> r.getReceipt().getReceivedAt()).contains(receivedAt.get(entry.getKey()));
    }
    Set<String> pending = new HashSet<>(ingest.app.getBean(JdbcClient.class)
        .sql("SELECT consent_id FROM consent_receipt WHERE state = 'PENDING'").query(String.class).list());
    pending.retainAll(recorded);
    assertThat(pending).as("no claim left pending").isEmpty();
    assertThat(ingest.temporaryEvidenceFiles()).isEmpty();
  }

  private static int readiness(RunningIngest ingest) {
    try {
      return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
              ingest.baseUri.resolve("/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
