package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.terminal.client.ConsentClient;
import org.qianhe.terminal.client.ConsentClient.UploadResult;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.simulator.EvidenceSimulator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hostile corpus: malformed, oversized, forged, replayed, tampered and mismatched uploads. Each
 * gets its status and its reason (problem type and reason codes or fields), and none leaves
 * anything behind: Kafka's end offsets, the evidence store's objects and its temporary files are
 * exactly as before, and the answer repeats no identity.
 */
@org.junit.jupiter.api.extension.ExtendWith(RunningIngest.Lifecycle.class)
@ExtendWith(OutputCaptureExtension.class)
class HostileUploadsIT {

  private static final String MALFORMED_UPLOAD = "malformed-upload";
  private static final String MALFORMED_CONSENT = "malformed-consent";
  private static final String INVALID_CONSENT = "invalid-consent";
  private static final String INVALID_EVIDENCE = "invalid-evidence";
  private static final String AUTHENTICATION = "authentication-failed";
  private static final String REFUSED = "terminal-refused";
  private static final String MEDIA_TYPE = "unsupported-media-type";
  private static final String TOO_LARGE = "consent-too-large";
  private static final int MAX_BODY = 256 * 1024;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final List<String> sentIdentities = new CopyOnWriteArrayList<>();
  private static long seed = 5000;

  /** What one hostile request must get. {@code codes} or {@code fields} null: not checked. */
  record Expect(int status, String type, List<String> codes, List<String> fields) {
    static Expect codes(int status, String type, String... codes) {
      return new Expect(status, type, List.of(codes), null);
    }

    static Expect fields(int status, String type, String... fields) {
      return new Expect(status, type, null, List.of(fields));
    }
  }

  interface Sender {
    UploadResult send(RunningIngest ingest) throws Exception;
  }

  @AfterEach
  void noIdentityReachedTheLog(CapturedOutput output) {
    assertThat(Uploads.leaked(output.getAll(), sentIdentities)).as("raw identities in the log").isEmpty();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("corpus")
  void hostileRequestGetsItsStatusAndReasonAndLeavesNothingBehind(String name, Sender sender, Expect expect)
      throws Exception {
    RunningIngest ingest = RunningIngest.get();
    Map<TopicPartition, Long> offsets = ingest.endOffsets();
    Set<String> objects = ingest.evidenceObjects();

    UploadResult result = sender.send(ingest);

    assertThat(result.status()).as(result.body()).isEqualTo(expect.status());
    JsonNode problem = Uploads.parse(result.body());
    assertThat(problem.path("status").asInt()).isEqualTo(expect.status());
    assertThat(problem.path("title").asText()).isNotBlank();
    if (expect.type() != null) {
      assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:" + expect.type());
    }
    if (expect.codes() != null) {
      assertThat(Uploads.errorCodes(problem)).as(result.body()).containsExactlyInAnyOrderElementsOf(expect.codes());
    }
    if (expect.fields() != null) {
      assertThat(Uploads.errorFields(problem)).as(result.body()).containsExactlyInAnyOrderElementsOf(expect.fields());
    }
    assertThat(Uploads.leaked(result.body(), sentIdentities)).as("identities in the answer").isEmpty();
    assertThat(ingest.endOffsets()).as("nothing produced to Kafka").isEqualTo(offsets);
    assertThat(ingest.evidenceObjects()).as("no evidence object left").isEqualTo(objects);
    assertThat(ingest.temporaryEvidenceFiles()).as("no temporary evidence file left").isEmpty();
  }

  @Test
  void theCorpusHasAtLeastFiftyDistinctCases() {
    assertThat(corpus().map(a -> (String) a.get()[0]).distinct().count()).isGreaterThanOrEqualTo(50);
  }

  static Stream<Arguments> corpus() {
    RunningIngest ingest = RunningIngest.get();
    List<Arguments> cases = new ArrayList<>();
    transport(cases);
    multipart(cases);
    consentJson(cases);
    authentication(cases, ingest);
    evidence(cases);
    confirmation(cases);
    conflict(cases, ingest);
    return cases.stream();
  }

  private static void transport(List<Arguments> cases) {
    add(cases, "consent JSON alone as application/json",
        in -> in.client.post(Uploads.json(fresh()), "application/json"), Expect.codes(415, MEDIA_TYPE));
    add(cases, "text/plain", in -> in.client.post(Uploads.json(fresh()), "text/plain"), Expect.codes(415, MEDIA_TYPE));
    add(cases, "form-urlencoded", in -> in.client.post("consent=x".getBytes(StandardCharsets.US_ASCII),
        "application/x-www-form-urlencoded"), Expect.codes(415, MEDIA_TYPE));
    add(cases, "multipart/mixed", in -> in.client.post(multipartOf(signed(fresh())), "multipart/mixed; boundary=" + B),
        Expect.codes(415, MEDIA_TYPE));
    add(cases, "no Content-Type", in -> send(HttpRequest.newBuilder(in.baseUri.resolve("/v1/consents"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipartOf(signed(fresh()))))), Expect.codes(415, null));
    add(cases, "body over the limit, declared", in -> {
      byte[] body = Arrays.copyOf(multipartOf(signed(fresh())), MAX_BODY + 1);
      return in.client.post(body, FORM);
    }, Expect.codes(413, TOO_LARGE));
    add(cases, "body over the limit, streamed without length", in -> {
      byte[] body = Arrays.copyOf(multipartOf(signed(fresh())), MAX_BODY + 1);
      return send(HttpRequest.newBuilder(in.baseUri.resolve("/v1/consents")).header("Content-Type", FORM)
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }, Expect.codes(413, TOO_LARGE));
    add(cases, "GET instead of POST", in -> send(HttpRequest.newBuilder(in.baseUri.resolve("/v1/consents")).GET()),
        Expect.codes(405, null));
  }

  private static void multipart(List<Arguments> cases) {
    add(cases, "multipart without boundary", in -> in.client.post(multipartOf(signed(fresh())), "multipart/form-data"),
        Expect.codes(400, MALFORMED_UPLOAD, "MULTIPART_MALFORMED"));
    add(cases, "boundary that is not the body's", in -> in.client.post(multipartOf(signed(fresh())),
        "multipart/form-data; boundary=other-boundary"), Expect.codes(400, MALFORMED_UPLOAD, "MULTIPART_MALFORMED"));
    add(cases, "multipart truncated mid-photo", in -> {
      byte[] body = multipartOf(signed(fresh()));
      return in.client.post(Arrays.copyOf(body, body.length - 20_000), FORM);
    }, Expect.codes(400, MALFORMED_UPLOAD, "MULTIPART_MALFORMED"));
    add(cases, "empty body", in -> in.client.post(new byte[0], FORM), Expect.codes(400, MALFORMED_UPLOAD, "MULTIPART_MALFORMED"));
    add(cases, "part without Content-Disposition", in -> in.client.post(("--" + B + "\r\nContent-Type: application/json\r\n\r\n{}\r\n--"
        + B + "--\r\n").getBytes(StandardCharsets.UTF_8), FORM), Expect.codes(400, MALFORMED_UPLOAD, "MULTIPART_MALFORMED"));
    add(cases, "seventeen parts", in -> {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 17; i++) {
        body.append("--").append(B).append("\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"e").append(i)
            .append("\"\r\n\r\nx\r\n");
      }
      return in.client.post((body + "--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8), FORM);
    }, Expect.codes(400, MALFORMED_UPLOAD, "MULTIPART_MALFORMED"));
    add(cases, "part headers beyond 4 KB", in -> in.client.post(("--" + B + "\r\nContent-Disposition: form-data; name=\"consent\"\r\nX-Pad: "
        + "p".repeat(5000) + "\r\n\r\n{}\r\n--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8), FORM),
        Expect.codes(400, MALFORMED_UPLOAD, "MULTIPART_MALFORMED"));
    add(cases, "evidence without consent part", in -> {
      Submission s = signed(fresh());
      String id = s.upload().getEvidence().get(0).getEvidenceId();
      return in.client.post(("--" + B + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"" + id
          + "\"\r\nContent-Type: image/jpeg\r\n\r\nxyz\r\n--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8), FORM);
    }, Expect.codes(400, MALFORMED_UPLOAD, "CONSENT_PART_MISSING"));
    add(cases, "two consent parts", in -> {
      byte[] json = Uploads.json(signed(fresh()).upload());
      String part = "--" + B + "\r\nContent-Disposition: form-data; name=\"consent\"\r\nContent-Type: application/json\r\n\r\n"
          + new String(json, StandardCharsets.UTF_8) + "\r\n";
      return in.client.post((part + part + "--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8), FORM);
    }, Expect.codes(400, MALFORMED_UPLOAD, "CONSENT_PART_REPEATED"));
    add(cases, "consent part as text/plain", in -> in.client.post(("--" + B + "\r\nContent-Disposition: form-data; name=\"consent\"\r\n"
        + "Content-Type: text/plain\r\n\r\n" + new String(Uploads.json(fresh()), StandardCharsets.UTF_8) + "\r\n--" + B + "--\r\n")
        .getBytes(StandardCharsets.UTF_8), FORM), Expect.codes(400, MALFORMED_UPLOAD, "CONSENT_PART_MEDIA_TYPE"));
    add(cases, "a part of an unknown name", in -> {
      byte[] body = multipartOf(signed(fresh()));
      String text = new String(body, StandardCharsets.ISO_8859_1).replace("--" + B + "--", "--" + B
          + "\r\nContent-Disposition: form-data; name=\"script\"\r\n\r\nalert(1)\r\n--" + B + "--");
      return in.client.post(text.getBytes(StandardCharsets.ISO_8859_1), FORM);
    }, Expect.codes(400, MALFORMED_UPLOAD, "PART_UNKNOWN"));
    add(cases, "evidence part without filename", in -> {
      String text = new String(multipartOf(signed(fresh())), StandardCharsets.ISO_8859_1)
          .replaceFirst("name=\"evidence\"; filename=\"[^\"]*\"", "name=\"evidence\"");
      return in.client.post(text.getBytes(StandardCharsets.ISO_8859_1), FORM);
    }, Expect.codes(400, MALFORMED_UPLOAD, "EVIDENCE_PART_UNNAMED"));
  }

  private static void consentJson(List<Arguments> cases) {
    add(cases, "truncated JSON", in -> in.client.post(Arrays.copyOf(Uploads.json(fresh()), 200)),
        Expect.fields(400, MALFORMED_CONSENT, "$"));
    add(cases, "invalid UTF-8", in -> {
      byte[] json = Uploads.json(fresh());
      int at = new String(json, StandardCharsets.ISO_8859_1).indexOf("\"siteCode\":\"") + 12;
      json[at] = (byte) 0xFF;
      return in.client.post(json);
    }, Expect.fields(400, MALFORMED_CONSENT, "$"));
    add(cases, "binary garbage", in -> {
      byte[] garbage = new byte[2048];
      new java.util.Random(1).nextBytes(garbage);
      return in.client.post(garbage);
    }, Expect.fields(400, MALFORMED_CONSENT, "$"));
    add(cases, "a JSON array", in -> in.client.post("[1,2,3]".getBytes(StandardCharsets.US_ASCII)),
        Expect.fields(400, MALFORMED_CONSENT, "$"));
    add(cases, "JSON nested 5000 deep", in -> in.client.post(("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.US_ASCII)),
        Expect.fields(400, MALFORMED_CONSENT, "$"));
    add(cases, "wrong types", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      ((ObjectNode) tree.get("vaccination")).put("doseNumber", "1");
      tree.put("biometricConsent", "true");
      tree.put("occurredAt", 1_769_848_200_000L);
      return in.client.post(Uploads.bytes(tree));
    }, Expect.fields(400, MALFORMED_CONSENT, "vaccination.doseNumber", "biometricConsent", "occurredAt"));
    add(cases, "missing required fields", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      tree.remove(List.of("consentId", "vaccination"));
      ((ObjectNode) tree.get("guardian")).remove("phone");
      return in.client.post(Uploads.bytes(tree));
    }, Expect.fields(400, MALFORMED_CONSENT, "consentId", "vaccination", "guardian.phone"));
    add(cases, "unknown enum symbol", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      tree.put("decision", "PERHAPS");
      return in.client.post(Uploads.bytes(tree));
    }, Expect.fields(400, MALFORMED_CONSENT, "decision"));
    add(cases, "unknown field", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      tree.put("signedBy", "nurse");
      return in.client.post(Uploads.bytes(tree));
    }, Expect.fields(400, MALFORMED_CONSENT, "signedBy"));
    add(cases, "malformed timestamp in the signature", in -> {
      ObjectNode tree = Uploads.tree(signed(fresh()).upload());
      ((ObjectNode) tree.get("signature")).put("signedAt", "yesterday");
      return in.client.post(Uploads.bytes(tree));
    }, Expect.fields(400, MALFORMED_CONSENT, "signature.signedAt"));
    add(cases, "request timestamp finer than the record keeps", in -> {
      ObjectNode tree = Uploads.tree(signed(fresh()).upload());
      ((ObjectNode) tree.get("signature")).put("signedAt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusNanos(123_456_000).toString());
      return in.client.post(Uploads.bytes(tree));
    }, Expect.codes(400, INVALID_CONSENT, "TIMESTAMP_PRECISION"));
    add(cases, "consentId not a UUID", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      tree.put("consentId", "1234-not-a-uuid");
      return in.client.post(Uploads.bytes(tree));
    }, Expect.codes(400, INVALID_CONSENT, "CONSENT_ID_FORMAT"));
    add(cases, "several rule breaks", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      tree.put("regionCode", "41010");
      ((ObjectNode) tree.get("child")).put("idNumber", "41010");
      ((ObjectNode) tree.get("guardian")).put("phone", "555-0100");
      ((ObjectNode) tree.get("notice")).put("digest", "ABC");
      return in.client.post(Uploads.bytes(tree));
    }, Expect.fields(400, INVALID_CONSENT, "regionCode", "child.idNumber", "guardian.phone", "notice.digest"));
    add(cases, "a 100 KB name", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      ((ObjectNode) tree.get("child")).put("name", "梁".repeat(33_000));
      return in.client.post(Uploads.bytes(tree));
    }, Expect.codes(400, INVALID_CONSENT, "FIELD_TOO_LONG"));
    add(cases, "a thousand screening answers", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      ArrayNode screening = tree.putArray("screening");
      for (int i = 0; i < 1000; i++) {
        screening.addObject().put("questionCode", "Q" + i).put("answer", false);
      }
      return in.client.post(Uploads.bytes(tree));
    }, Expect.codes(400, INVALID_CONSENT, "FIELD_TOO_LONG"));
    add(cases, "evidence id with a path in it", in -> {
      ObjectNode tree = Uploads.tree(fresh());
      ((ObjectNode) tree.get("evidence").get(0)).put("evidenceId", "../../etc/passwd");
      return in.client.post(Uploads.bytes(tree));
    }, Expect.codes(400, INVALID_CONSENT, "EVIDENCE_ID_FORMAT"));
  }

  private static void authentication(List<Arguments> cases, RunningIngest ingest) {
    add(cases, "unknown terminal", in -> {
      ConsentUpload upload = fresh();
      upload.setTerminalId("T-unregistered-" + UUID.randomUUID());
      return in.client.send(new Submission(Uploads.signed(upload), captured(upload).evidence()));
    }, Expect.codes(403, REFUSED, "TERMINAL_UNKNOWN"));
    add(cases, "revoked terminal", in -> {
      ConsentUpload upload = fresh();
      upload.setTerminalId("T-revoked-" + UUID.randomUUID());
      Uploads.registered(in.terminals, upload);
      in.terminals.revoke(upload.getTerminalId());
      return in.client.send(signed(upload));
    }, Expect.codes(403, REFUSED, "TERMINAL_REVOKED"));
    add(cases, "terminal registered before keys existed", in -> {
      ConsentUpload upload = fresh();
      upload.setTerminalId("T-keyless-" + UUID.randomUUID());
      in.app.getBean(JdbcClient.class).sql("""
              INSERT INTO terminal (terminal_id, site_code, region_code, status, created_at, updated_at)
              VALUES (:id, :site, :region, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
          .param("id", upload.getTerminalId()).param("site", upload.getSiteCode()).param("region", upload.getRegionCode())
          .update();
      return in.client.send(signed(upload));
    }, Expect.codes(403, REFUSED, "TERMINAL_KEY_MISSING"));
    add(cases, "for a site the terminal is not registered at", in -> {
      ConsentUpload upload = fresh();
      upload.setSiteCode(upload.getSiteCode().substring(0, 6) + "999");
      return in.client.send(signed(upload));
    }, Expect.codes(403, REFUSED, "TERMINAL_SITE_MISMATCH"));
    add(cases, "unsigned", in -> in.client.send(captured(fresh())), Expect.codes(401, AUTHENTICATION, "SIGNATURE_MISSING"));
    add(cases, "forged: another key under the registered key id", in -> {
      Submission captured = captured(fresh());
      ConsentUpload forged = UploadSignatures.sign(captured.upload(), Uploads.SUITE, stranger(), Instant.now());
      forged.getSignature().setKeyId(Uploads.keyOf(forged.getTerminalId()).keyId());
      return in.client.send(new Submission(forged, captured.evidence()));
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_INVALID"));
    add(cases, "signed by an unregistered key", in -> {
      Submission captured = captured(fresh());
      return in.client.send(new Submission(UploadSignatures.sign(captured.upload(), Uploads.SUITE, stranger(), Instant.now()),
          captured.evidence()));
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_KEY_UNKNOWN"));
    add(cases, "changed after signing", in -> {
      Submission s = signed(fresh());
      s.upload().getVaccination().setLotNumber(s.upload().getVaccination().getLotNumber() + "0");
      return in.client.send(s);
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_INVALID"));
    add(cases, "signature of another consent", in -> {
      Submission victim = signed(fresh());
      Submission other = captured(fresh());
      other.upload().setTerminalId(victim.upload().getTerminalId());
      other.upload().setSiteCode(victim.upload().getSiteCode());
      other.upload().setRegionCode(victim.upload().getRegionCode());
      other.upload().setSignature(victim.upload().getSignature());
      return in.client.send(other);
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_INVALID"));
    add(cases, "signature value not base64", in -> {
      Submission s = signed(fresh());
      s.upload().getSignature().setValue("%%% not base64 %%%");
      return in.client.send(s);
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_INVALID"));
    add(cases, "empty signature value", in -> {
      Submission s = signed(fresh());
      s.upload().getSignature().setValue("");
      return in.client.send(s);
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_INVALID"));
    add(cases, "no request timestamp", in -> {
      Submission s = signed(fresh());
      s.upload().getSignature().setSignedAt(null);
      return in.client.send(s);
    }, Expect.codes(401, AUTHENTICATION, "TIMESTAMP_MISSING"));
    add(cases, "replayed: signed ten minutes ago", in -> in.client.send(Uploads.signed(captured(fresh()),
        Instant.now().minusSeconds(600))), Expect.codes(401, AUTHENTICATION, "TIMESTAMP_OUTSIDE_WINDOW"));
    add(cases, "signed ten minutes ahead", in -> in.client.send(Uploads.signed(captured(fresh()),
        Instant.now().plusSeconds(600))), Expect.codes(401, AUTHENTICATION, "TIMESTAMP_OUTSIDE_WINDOW"));
    add(cases, "algorithm of the other suite", in -> {
      Submission s = signed(fresh());
      s.upload().getSignature().setAlgorithm("SHA256withECDSA");
      return in.client.send(s);
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_ALGORITHM_MISMATCH"));
    add(cases, "evidence reference changed after signing to match swapped bytes", in -> {
      Submission s = signed(fresh());
      EvidenceRef photo = s.upload().getEvidence().get(1);
      // Other bytes for certain: the simulator has only a few photo variants, so a "different"
      // generated photo can be the very same picture. Flip a byte inside the JPEG instead.
      byte[] other = s.evidence().get(photo.getEvidenceId()).clone();
      other[other.length / 2] ^= 0x5A;
      photo.setDigest(Uploads.SUITE.digestHex(other));
      photo.setSizeBytes(other.length);
      return in.client.send(with(s, photo.getEvidenceId(), other));
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_INVALID"));
    add(cases, "duplicate JSON keys hiding an unsigned dose", in -> {
      Submission s = signed(fresh());
      String json = new String(Uploads.json(s.upload()), StandardCharsets.UTF_8)
          .replaceFirst("\"doseNumber\":(\\d+)", "\"doseNumber\":$1,\"doseNumber\":9");
      return in.client.post(ConsentClient.multipart(B, json.getBytes(StandardCharsets.UTF_8), s), FORM);
    }, Expect.codes(401, AUTHENTICATION, "SIGNATURE_INVALID"));
  }

  private static void evidence(List<Arguments> cases) {
    add(cases, "photo part missing", in -> {
      Submission s = signed(fresh());
      return in.client.send(without(s, s.upload().getEvidence().get(1).getEvidenceId()));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_PART_MISSING"));
    add(cases, "an extra unreferenced part", in -> in.client.send(with(signed(fresh()), "extra-1", EvidenceSimulator.photo(3))),
        Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_PART_UNREFERENCED"));
    add(cases, "photo swapped for another person's", in -> {
      Submission s = signed(fresh());
      String id = s.upload().getEvidence().get(1).getEvidenceId();
      // Another simulated photo, certainly not this one (the simulator has only a few variants).
      byte[] original = s.evidence().get(id);
      byte[] same = original;
      for (int seed = 0; Arrays.equals(same, original); seed++) {
        same = Arrays.copyOf(EvidenceSimulator.photo(seed), original.length);
      }
      return in.client.send(with(s, id, same));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_DIGEST_MISMATCH"));
    add(cases, "fingerprint with one bit flipped", in -> {
      Submission s = signed(fresh());
      String id = s.upload().getEvidence().get(0).getEvidenceId();
      byte[] flipped = s.evidence().get(id).clone();
      flipped[100] ^= 1;
      return in.client.send(with(s, id, flipped));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_DIGEST_MISMATCH"));
    add(cases, "photo truncated", in -> {
      Submission s = signed(fresh());
      String id = s.upload().getEvidence().get(1).getEvidenceId();
      return in.client.send(with(s, id, Arrays.copyOf(s.evidence().get(id), 1000)));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_SIZE_MISMATCH", "EVIDENCE_DIGEST_MISMATCH"));
    add(cases, "sizeBytes that is not the photo's", in -> {
      Submission s = captured(fresh());
      s.upload().getEvidence().get(1).setSizeBytes(12345);
      return in.client.send(Uploads.signed(s, Instant.now()));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_SIZE_MISMATCH"));
    add(cases, "photo part sent as image/png", in -> {
      Submission s = signed(fresh());
      String body = new String(multipartOf(s), StandardCharsets.ISO_8859_1)
          .replaceFirst("Content-Type: image/jpeg", "Content-Type: image/png");
      return in.client.post(body.getBytes(StandardCharsets.ISO_8859_1), FORM);
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_MEDIA_TYPE_MISMATCH"));
    add(cases, "a PNG declared and signed as the JPEG photo", in -> {
      Submission s = captured(fresh());
      EvidenceRef photo = s.upload().getEvidence().get(1);
      byte[] png = EvidenceSimulator.signature(1);
      photo.setDigest(Uploads.SUITE.digestHex(png));
      photo.setSizeBytes(png.length);
      return in.client.send(Uploads.signed(with(s, photo.getEvidenceId(), png), Instant.now()));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_CONTENT_MISMATCH"));
    add(cases, "fingerprint declared as image/bmp", in -> {
      Submission s = captured(fresh());
      s.upload().getEvidence().get(0).setMediaType("image/bmp");
      return in.client.send(Uploads.signed(s, Instant.now()));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_MEDIA_TYPE_NOT_ALLOWED"));
    add(cases, "a paper scan from a terminal", in -> {
      Submission s = captured(fresh());
      List<EvidenceRef> refs = new ArrayList<>(s.upload().getEvidence());
      byte[] scan = EvidenceSimulator.photo(99);
      refs.add(EvidenceRef.newBuilder().setKind(EvidenceKind.SCAN).setEvidenceId("scan-1").setDigest(Uploads.SUITE.digestHex(scan))
          .setMediaType("image/jpeg").setSizeBytes(scan.length).build());
      s.upload().setEvidence(refs);
      return in.client.send(Uploads.signed(with(s, "scan-1", scan), Instant.now()));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_KIND_NOT_ALLOWED"));
    add(cases, "the photo part twice", in -> {
      Submission s = signed(fresh());
      String id = s.upload().getEvidence().get(1).getEvidenceId();
      String part = "--" + B + "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"" + id
          + "\"\r\nContent-Type: image/jpeg\r\n\r\n";
      byte[] body = multipartOf(s);
      byte[] extra = concat(part.getBytes(StandardCharsets.US_ASCII), s.evidence().get(id), "\r\n".getBytes(StandardCharsets.US_ASCII));
      int end = new String(body, StandardCharsets.ISO_8859_1).lastIndexOf("--" + B + "--");
      return in.client.post(concat(Arrays.copyOf(body, end), extra, Arrays.copyOfRange(body, end, body.length)), FORM);
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_PART_REPEATED"));
    add(cases, "an empty fingerprint part", in -> {
      Submission s = signed(fresh());
      return in.client.send(with(s, s.upload().getEvidence().get(0).getEvidenceId(), new byte[0]));
    }, Expect.codes(400, INVALID_EVIDENCE, "EVIDENCE_EMPTY"));
  }

  private static void confirmation(List<Arguments> cases) {
    add(cases, "biometric without the guardian's biometric consent", in -> {
      Submission s = captured(fresh());
      s.upload().setBiometricConsent(false);
      return in.client.send(Uploads.signed(s, Instant.now()));
    }, Expect.codes(400, INVALID_CONSENT, "BIOMETRIC_CONSENT_MISSING"));
    add(cases, "biometric without a photo", in -> {
      Submission s = captured(fresh());
      s.upload().setEvidence(new ArrayList<>(s.upload().getEvidence().subList(0, 1)));
      return in.client.send(Uploads.signed(s, Instant.now()));
    }, Expect.codes(400, INVALID_CONSENT, "EVIDENCE_REQUIRED"));
    add(cases, "biometric with two photos", in -> {
      Submission s = captured(fresh());
      List<EvidenceRef> refs = new ArrayList<>(s.upload().getEvidence());
      refs.add(EvidenceRef.newBuilder(refs.get(1)).setEvidenceId("second-photo").build());
      s.upload().setEvidence(refs);
      return in.client.send(Uploads.signed(with(s, "second-photo", s.evidence().get(refs.get(1).getEvidenceId())), Instant.now()));
    }, Expect.codes(400, INVALID_CONSENT, "EVIDENCE_REPEATED"));
    add(cases, "no evidence at all", in -> {
      Submission s = captured(fresh());
      s.upload().setEvidence(new ArrayList<>());
      return in.client.send(Uploads.signed(new Submission(s.upload(), Map.of()), Instant.now()));
    }, Expect.codes(400, INVALID_CONSENT, "EVIDENCE_REQUIRED", "EVIDENCE_REQUIRED"));
    add(cases, "e-pen carrying a fingerprint", in -> {
      ConsentUpload upload = fresh(ConfirmationMethod.E_PEN);
      Submission s = captured(upload);
      byte[] fingerprint = EvidenceSimulator.fingerprint(1);
      List<EvidenceRef> refs = new ArrayList<>(s.upload().getEvidence());
      refs.add(EvidenceRef.newBuilder().setKind(EvidenceKind.FINGERPRINT).setEvidenceId("fp-x")
          .setDigest(Uploads.SUITE.digestHex(fingerprint)).setMediaType(EvidenceSimulator.FINGERPRINT_TYPE)
          .setSizeBytes(fingerprint.length).build());
      s.upload().setEvidence(refs);
      return in.client.send(Uploads.signed(with(s, "fp-x", fingerprint), Instant.now()));
    }, Expect.codes(400, INVALID_CONSENT, "EVIDENCE_NOT_ALLOWED"));
    add(cases, "e-pen without a signature image", in -> {
      Submission s = captured(fresh(ConfirmationMethod.E_PEN));
      s.upload().setEvidence(new ArrayList<>());
      return in.client.send(Uploads.signed(new Submission(s.upload(), Map.of()), Instant.now()));
    }, Expect.codes(400, INVALID_CONSENT, "EVIDENCE_REQUIRED"));
  }

  private static void conflict(List<Arguments> cases, RunningIngest ingest) {
    ConsentUpload accepted = fresh();
    try {
      UploadResult first = ingest.client.send(signed(accepted));
      assertThat(first.status()).as(first.body()).isEqualTo(202);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    add(cases, "an accepted consentId with other content", in -> {
      ConsentUpload changed = ConsentUpload.newBuilder(accepted).build();
      changed.setDecision(changed.getDecision() == org.qianhe.model.Decision.DECLINED
          ? org.qianhe.model.Decision.CONSENTED : org.qianhe.model.Decision.DECLINED);
      return in.client.send(signed(changed));
    }, Expect.codes(409, "consent-conflict", "CONSENT_ID_CONFLICT"));
  }

  // ---- building blocks ----

  private static final String B = "hostile-boundary-1";
  private static final String FORM = "multipart/form-data; boundary=" + B;

  private static void add(List<Arguments> cases, String name, Sender sender, Expect expect) {
    cases.add(Arguments.of(name, sender, expect));
  }

  /** A new biometric consent of a registered terminal. */
  private static synchronized ConsentUpload fresh() {
    return fresh(ConfirmationMethod.BIOMETRIC);
  }

  private static synchronized ConsentUpload fresh(ConfirmationMethod method) {
    ConsentUpload upload = ConsentUploadIT.withMethod(method, seed++);
    sentIdentities.addAll(Uploads.identitiesOf(upload));
    return Uploads.registered(RunningIngest.get().terminals, upload);
  }

  private static Submission captured(ConsentUpload upload) {
    return Uploads.captured(upload);
  }

  private static Submission signed(ConsentUpload upload) {
    return Uploads.submission(upload);
  }

  private static SigningKey stranger() {
    return Uploads.SUITE.generateSigningKey(new SecureRandom());
  }

  private static byte[] multipartOf(Submission submission) {
    return Uploads.multipart(B, submission);
  }

  private static Submission with(Submission submission, String evidenceId, byte[] data) {
    Map<String, byte[]> evidence = new LinkedHashMap<>(submission.evidence());
    evidence.put(evidenceId, data);
    return new Submission(submission.upload(), evidence);
  }

  private static Submission without(Submission submission, String evidenceId) {
    Map<String, byte[]> evidence = new LinkedHashMap<>(submission.evidence());
    evidence.remove(evidenceId);
    return new Submission(submission.upload(), evidence);
  }

  private static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static UploadResult send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    return new UploadResult(response.statusCode(), response.body());
  }
}
