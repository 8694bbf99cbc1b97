package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.keys.KeyMaterial;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.Source;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.ReceiptSignatures;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.model.crypto.VerificationKey;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.Masking;
import org.qianhe.terminal.client.ConsentClient.UploadResult;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.simulator.SimulatedCapture;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Accepted uploads end to end on the real service ({@link RunningIngest}): the exact record in
 * {@code consent.raw}, the evidence encrypted in the store, the signed receipt, idempotency.
 * Refusals are the hostile corpus ({@code HostileUploadsIT}).
 */
@org.junit.jupiter.api.extension.ExtendWith(RunningIngest.Lifecycle.class)
@ExtendWith(OutputCaptureExtension.class)
class ConsentUploadIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final RunningIngest ingest = RunningIngest.get();
  /** Every raw identity this class sent: none may show up in the log. */
  private static final List<String> sentIdentities = new CopyOnWriteArrayList<>();

  @AfterEach
  void noIdentityReachedTheLog(CapturedOutput output) {
    assertThat(Uploads.leaked(output.getAll(), sentIdentities)).as("raw identities in the log").isEmpty();
  }

  @Test
  void validUploadIsAcceptedWithItsRecordInConsentRawAndItsEvidenceEncryptedInTheStore() throws Exception {
    ConsentUpload upload = registered(biometric(1));
    Submission submission = Uploads.submission(upload);
    Map<TopicPartition, Long> before = ingest.endOffsets();

    UploadResult result = ingest.client.send(submission);

    assertThat(result.status()).as(result.body()).isEqualTo(202);
    JsonNode receipt = Uploads.parse(result.body());
    String digest = UploadSignatures.contentDigest(CryptoSuites.GM, submission.upload());
    assertThat(receipt.path("consentId").asText()).isEqualTo(upload.getConsentId());
    assertThat(receipt.path("contentDigest").asText()).isEqualTo(digest);
    Instant receivedAt = Instant.parse(receipt.path("receivedAt").asText());

    List<ConsumerRecord<String, byte[]>> produced = ingest.recordsSince(before, 1);
    assertThat(produced.get(0).key()).isEqualTo(upload.getConsentId());
    byte[] value = produced.get(0).value();
    assertThat(Uploads.leaked(new String(value, StandardCharsets.ISO_8859_1), utf8AsLatin1(Uploads.identitiesOf(upload))))
        .as("raw identities in the Kafka value").isEmpty();

    ConsentRecord record = ConsentRecordCodec.decode(value);
    ConsentUpload sent = submission.upload();
    assertThat(record.getConsentId()).isEqualTo(upload.getConsentId());
    assertThat(record.getSource()).isEqualTo(Source.TERMINAL);
    assertThat(record.getRegionCode()).isEqualTo(sent.getRegionCode());
    assertThat(record.getSiteCode()).isEqualTo(sent.getSiteCode());
    assertThat(record.getTerminalId()).isEqualTo(sent.getTerminalId());
    assertThat(record.getOccurredAt()).isEqualTo(sent.getOccurredAt());
    assertThat(record.getReceivedAt()).isEqualTo(receivedAt);
    assertThat(record.getVaccination()).isEqualTo(sent.getVaccination());
    assertThat(record.getNotice()).isEqualTo(sent.getNotice());
    assertThat(record.getScreening()).isEqualTo(sent.getScreening());
    assertThat(record.getDecision()).isEqualTo(sent.getDecision());
    assertThat(record.getConfirmationMethod()).isEqualTo(sent.getConfirmationMethod());
    assertThat(record.getBiometricConsent()).isEqualTo(sent.getBiometricConsent());
    assertThat(record.getEvidence()).isEqualTo(sent.getEvidence());
    assertThat(record.getSignature()).isEqualTo(sent.getSignature());
    assertThat(record.getReceipt().getContentDigest()).isEqualTo(digest);
    assertThat(record.getReceipt().getReceivedAt()).isEqualTo(receivedAt);

    KeyMaterial keys = ingest.app.getBean(KeyMaterial.class);
    BlindIndex blindIndex = new BlindIndex(keys.blindIndexKey());
    assertThat(record.getChild().getKey()).isEqualTo(blindIndex.of(upload.getChild().getIdNumber()));
    assertThat(record.getChild().getNameMasked()).isEqualTo(Masking.name(upload.getChild().getName()));
    assertThat(record.getChild().getIdMasked()).isEqualTo(Masking.idNumber(upload.getChild().getIdNumber()));
    assertThat(record.getGuardian().getKey()).isEqualTo(blindIndex.of(upload.getGuardian().getIdNumber()));
    assertThat(record.getGuardian().getPhoneMasked()).isEqualTo(Masking.phone(upload.getGuardian().getPhone()));
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("child", upload.getChild());
    identity.put("guardian", upload.getGuardian());
    assertThat(new IdentitySealer(keys.sealingKeyId(), keys.sealingKey())
        .open(record.getIdentitySealed(), upload.getConsentId()))
        .as("the sealed identity opens to exactly what the terminal sent").isEqualTo(ConsentJson.canonical(identity));

    List<EvidenceItem> evidence = ingest.store.read(record.getConsentId(), record.getEvidence());
    assertThat(evidence).hasSize(2);
    for (EvidenceItem item : evidence) {
      assertThat(item.data()).isEqualTo(submission.evidence().get(item.ref().getEvidenceId()));
    }
  }

  @Test
  void anEPenConsentCarriesItsSignatureImage() throws Exception {
    ConsentUpload upload = registered(withMethod(ConfirmationMethod.E_PEN, 2));
    Submission submission = Uploads.submission(upload);

    UploadResult result = ingest.client.send(submission);

    assertThat(result.status()).as(result.body()).isEqualTo(202);
    List<EvidenceItem> evidence = ingest.store.read(upload.getConsentId(), submission.upload().getEvidence());
    assertThat(evidence).singleElement().satisfies(item -> {
      assertThat(item.ref().getKind()).isEqualTo(EvidenceKind.SIGNATURE);
      assertThat(item.ref().getMediaType()).isEqualTo("image/png");
    });
  }

  @Test
  void aTerminalOfTheOtherSuiteUploadsWithItsOwnDigestsAndSignature() throws Exception {
    ConsentUpload upload = biometric(3);
    CryptoSuite intl = CryptoSuites.INTL;
    SigningKey key = intl.generateSigningKey(new SecureRandom());
    ingest.terminals.register(upload.getTerminalId(), upload.getSiteCode(), upload.getRegionCode(), key.verificationKey());
    sentIdentities.addAll(Uploads.identitiesOf(upload));
    Submission captured = SimulatedCapture.of(upload, intl);
    Submission signed = new Submission(UploadSignatures.sign(captured.upload(), intl, key, Instant.now()), captured.evidence());

    UploadResult result = ingest.client.send(signed);

    assertThat(result.status()).as(result.body()).isEqualTo(202);
    assertThat(signed.upload().getEvidence().get(1).getDigest())
        .isEqualTo(intl.digestHex(signed.evidence().get(signed.upload().getEvidence().get(1).getEvidenceId())));
    assertThat(ingest.store.read(upload.getConsentId(), signed.upload().getEvidence())).hasSize(2);
  }

  @Test
  void receiptIsSignedByThePublishedKeyAndTheRecordCarriesIt() throws Exception {
    ConsentUpload upload = registered(biometric(4));
    Map<TopicPartition, Long> before = ingest.endOffsets();

    JsonNode receipt = Uploads.parse(ingest.client.send(Uploads.submission(upload)).body());
    JsonNode key = Uploads.parse(HTTP.send(HttpRequest.newBuilder(ingest.baseUri.resolve("/v1/receipt-keys")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body()).path("keys").get(0);

    CryptoSuite suite = CryptoSuites.of(key.path("suite").asText());
    VerificationKey publicKey = suite.verificationKey(Base64.getDecoder().decode(key.path("publicKey").asText()));
    JsonNode signature = receipt.path("signature");
    assertThat(signature.path("keyId").asText()).isEqualTo(key.path("keyId").asText()).isEqualTo(publicKey.keyId());
    assertThat(signature.path("algorithm").asText()).isEqualTo(suite.signatureAlgorithm());
    byte[] signed = ReceiptSignatures.signingInput(upload.getConsentId(), receipt.path("contentDigest").asText(),
        Instant.parse(receipt.path("receivedAt").asText()));
    assertThat(suite.verify(publicKey, signed, Base64.getDecoder().decode(signature.path("value").asText()))).isTrue();

    ConsentRecord record = ConsentRecordCodec.decode(ingest.recordsSince(before, 1).get(0).value());
    assertThat(record.getReceipt().getSignature()).isEqualTo(signature.path("value").asText());
    assertThat(record.getReceipt().getKeyId()).isEqualTo(publicKey.keyId());
    assertThat(record.getReceipt().getAlgorithm()).isEqualTo(suite.signatureAlgorithm());
    assertThat(record.getSignature().getSignedAt()).isNotNull();
  }

  @Test
  void theSameConsentAgainGetsTheSameReceiptAndNothingNewIsStored() throws Exception {
    ConsentUpload upload = registered(biometric(5));
    Submission captured = Uploads.captured(upload);
    Map<TopicPartition, Long> before = ingest.endOffsets();

    UploadResult first = ingest.client.send(Uploads.signed(captured, Instant.now()));
    int objects = ingest.evidenceObjects().size();
    UploadResult again = ingest.client.send(Uploads.signed(captured, Instant.now().plusSeconds(2))); // re-signed later

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(Uploads.parse(again.body())).isEqualTo(Uploads.parse(first.body()));
    assertThat(ingest.recordsSince(before, 1)).hasSize(1);
    assertThat(ingest.evidenceObjects()).hasSize(objects);
  }

  @Test
  void theSameConsentIdWithOtherContentIs409AndNothingIsStored() throws Exception {
    ConsentUpload upload = registered(biometric(6));
    assertThat(ingest.client.send(Uploads.submission(upload)).status()).isEqualTo(202);
    ConsentUpload changed = ConsentUpload.newBuilder(upload).build();
    changed.getVaccination().setLotNumber(upload.getVaccination().getLotNumber() + "X");
    Map<TopicPartition, Long> before = ingest.endOffsets();
    var objects = ingest.evidenceObjects();

    UploadResult result = ingest.client.send(Uploads.submission(changed));

    assertThat(result.status()).isEqualTo(409);
    JsonNode problem = Uploads.parse(result.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:consent-conflict");
    assertThat(Uploads.errorCodes(problem)).containsExactly("CONSENT_ID_CONFLICT");
    assertThat(ingest.endOffsets()).as("nothing produced").isEqualTo(before);
    assertThat(ingest.evidenceObjects()).isEqualTo(objects);
  }

  @Test
  void concurrentUploadsOfOneConsentProduceOneRecordAndOneReceipt() throws Exception {
    ConsentUpload upload = registered(biometric(7));
    Submission captured = Uploads.captured(upload);
    Map<TopicPartition, Long> before = ingest.endOffsets();
    int terminals = 8;
    ExecutorService pool = Executors.newFixedThreadPool(terminals);
    CyclicBarrier together = new CyclicBarrier(terminals);
    List<Future<JsonNode>> receipts = new ArrayList<>();
    try {
      for (int i = 0; i < terminals; i++) {
        receipts.add(pool.submit(() -> {
          together.await();
          for (int attempt = 0; attempt < 50; attempt++) {
            UploadResult result = ingest.client.send(Uploads.signed(captured, Instant.now()));
            if (result.status() == 202) {
              return Uploads.parse(result.body());
            }
            assertThat(Uploads.parse(result.body()).path("code").asText()).isEqualTo("UPLOAD_IN_PROGRESS");
            Thread.sleep(100);
          }
          throw new AssertionError("no receipt after 50 attempts");
        }));
      }
      JsonNode first = receipts.get(0).get();
      for (Future<JsonNode> receipt : receipts) {
        assertThat(receipt.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ingest.recordsSince(before, 1)).hasSize(1);
  }

  @Test
  void aConsentRecordedDaysAgoAndSignedNowIsAccepted() throws Exception {
    // Offline terminals upload late: the window applies to the request, not to occurredAt.
    ConsentUpload upload = registered(biometric(8));
    upload.setOccurredAt(Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS));

    assertThat(ingest.client.send(Uploads.submission(upload)).status()).isEqualTo(202);
  }

  private ConsentUpload registered(ConsentUpload upload) {
    sentIdentities.addAll(Uploads.identitiesOf(upload));
    return Uploads.registered(ingest.terminals, upload);
  }

  /** A generated consent confirmed with fingerprint and photo. */
  static ConsentUpload biometric(long seed) {
    return withMethod(ConfirmationMethod.BIOMETRIC, seed);
  }

  static ConsentUpload withMethod(ConfirmationMethod method, long seed) {
    for (long s = seed; ; s += 1000) {
      ConsentUpload upload = Uploads.sample(s);
      if (upload.getConfirmationMethod() == method) {
        return upload;
      }
    }
  }

  /** The identities as their UTF-8 bytes read as Latin-1, to search a binary value byte for byte. */
  static List<String> utf8AsLatin1(List<String> identities) {
    return identities.stream()
        .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)).toList();
  }
}
