package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.model.ConsentUpload;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The upload endpoint's answers, web slice only: every refusal that happens before the intake
 * (415, 413, 400) and how the intake's refusals (403, 503) and unexpected failures (500) are
 * rendered. Kafka and the registry are behind the intake, which is replaced here; the real
 * flow is {@code ConsentUploadIT}.
 */
@WebMvcTest(ConsentController.class)
@Import({UploadReader.class, UploadMetrics.class, ConsentControllerTest.Config.class})
@TestPropertySource(properties = "qianhe.ingest.max-body-size=128KB")
@ExtendWith(OutputCaptureExtension.class)
class ConsentControllerTest {

  @TestConfiguration
  @EnableConfigurationProperties(IngestProperties.class)
  static class Config {
    @org.springframework.context.annotation.Bean
    io.micrometer.core.instrument.MeterRegistry meterRegistry() {
      return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    }

    /** The admin interceptor is part of the web layer; uploads never need its token. */
    @org.springframework.context.annotation.Bean
    org.qianhe.ingest.keys.AdminToken adminToken() {
      return org.qianhe.ingest.keys.AdminToken.of("a-test-token-of-some-length");
    }
  }

  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  @Autowired
  private MockMvcTester mvc;

  @MockitoBean
  private ConsentIntake intake;

  private static final IngestReceipt.Signature SIGNATURE =
      new IngestReceipt.Signature("SM3withSM2", "0123456789abcdef", "c2lnbmF0dXJl");

  private final ConsentUpload upload = Uploads.sample(7);

  @Test
  void acceptedUploadAnswers202WithTheReceipt() {
    given(intake.accept(any())).willReturn(new IngestReceipt(upload.getConsentId(), "ab".repeat(32),
        Instant.parse("2026-01-31T08:30:00.123Z"), SIGNATURE));

    JsonNode receipt = body(assertStatus(post(Uploads.json(upload)), HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON));

    assertThat(receipt.path("consentId").asText()).isEqualTo(upload.getConsentId());
    assertThat(receipt.path("contentDigest").asText()).isEqualTo("ab".repeat(32));
    assertThat(receipt.path("receivedAt").asText()).isEqualTo("2026-01-31T08:30:00.123Z");
    assertThat(receipt.path("signature").path("algorithm").asText()).isEqualTo("SM3withSM2");
    assertThat(receipt.path("signature").path("keyId").asText()).isEqualTo("0123456789abcdef");
    assertThat(receipt.path("signature").path("value").asText()).isEqualTo("c2lnbmF0dXJl");
  }

  @Test
  void refusalsAreCountedByStatusAndReason(@Autowired io.micrometer.core.instrument.MeterRegistry registry) {
    ObjectNode tree = Uploads.tree(upload);
    tree.put("consentId", "not-a-uuid");
    badRequest(Uploads.bytes(tree));
    double before = registry.get("qianhe.ingest.uploads.refused").tag("status", "400").tag("reason", "CONSENT_ID_FORMAT")
        .counter().count();

    badRequest(Uploads.bytes(tree));
    badRequest(Uploads.bytes(tree));

    assertThat(registry.get("qianhe.ingest.uploads.refused").tag("status", "400").tag("reason", "CONSENT_ID_FORMAT")
        .counter().count()).isEqualTo(before + 2);
    assertThat(registry.get("qianhe.ingest.upload").tag("outcome", "refused").timer().count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void consentIdConflictIs409WithItsCode() {
    given(intake.accept(any())).willThrow(ConsentProblems.conflict());

    JsonNode problem = body(assertStatus(post(Uploads.json(upload)), HttpStatus.CONFLICT, PROBLEM));

    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:consent-conflict");
    assertThat(Uploads.errorCodes(problem)).containsExactly("CONSENT_ID_CONFLICT");
  }

  @Test
  void optionalMembersOfTheContractAreAccepted() {
    given(intake.accept(any())).willReturn(new IngestReceipt(upload.getConsentId(), "ab".repeat(32), Instant.now(), SIGNATURE));
    ObjectNode tree = Uploads.tree(upload);
    tree.putObject("signature").put("algorithm", "SM2").put("keyId", "T-key-1").put("value", "c2lnbmF0dXJl");
    tree.remove("screening");

    assertStatus(post(Uploads.bytes(tree)), HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON);
    ArgumentCaptor<ReceivedUpload> accepted = ArgumentCaptor.forClass(ReceivedUpload.class);
    verify(intake).accept(accepted.capture());
    assertThat(accepted.getValue().consent().getScreening()).as("schema default, not null").isEmpty();
    assertThat(accepted.getValue().consent().getSignature().getAlgorithm()).isEqualTo("SM2");
  }

  @Test
  void aBiometricConsentWithoutBiometricConsentOrPhotoIs400() {
    ObjectNode tree = Uploads.tree(ConsentUploadIT.withMethod(org.qianhe.model.ConfirmationMethod.BIOMETRIC, 9));
    tree.put("biometricConsent", false);
    ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("evidence")).remove(1);

    JsonNode problem = badRequest(Uploads.bytes(tree));

    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:invalid-consent");
    assertThat(Uploads.errorCodes(problem)).containsExactlyInAnyOrder("BIOMETRIC_CONSENT_MISSING", "EVIDENCE_REQUIRED");
  }

  @Test
  void anEPenConsentWithBiometricEvidenceIs400() {
    ObjectNode tree = Uploads.tree(ConsentUploadIT.withMethod(org.qianhe.model.ConfirmationMethod.E_PEN, 9));
    ObjectNode fingerprint = ((com.fasterxml.jackson.databind.node.ArrayNode) tree.get("evidence")).addObject();
    fingerprint.put("kind", "FINGERPRINT").put("evidenceId", "fp-1").put("digest", "ab".repeat(32))
        .put("mediaType", "application/x-iso19794-2").put("sizeBytes", 900);

    JsonNode problem = badRequest(Uploads.bytes(tree));

    assertThat(Uploads.errorCodes(problem)).containsExactly("EVIDENCE_NOT_ALLOWED");
  }

  @Test
  void hugeFieldsAre400WithoutRunningTheOtherRules() {
    ObjectNode tree = Uploads.tree(upload);
    ((ObjectNode) tree.get("child")).put("name", "梁".repeat(3000));
    tree.put("consentId", "x".repeat(300));

    JsonNode problem = badRequest(Uploads.bytes(tree));

    assertThat(Uploads.errorFields(problem)).containsExactlyInAnyOrder("child.name", "consentId");
    assertThat(Uploads.errorCodes(problem)).containsOnly("FIELD_TOO_LONG");
  }

  @Test
  void screeningNotesAreAccepted() {
    given(intake.accept(any())).willReturn(new IngestReceipt(upload.getConsentId(), "ab".repeat(32), Instant.now(), SIGNATURE));
    ObjectNode tree = Uploads.tree(upload);
    ((ObjectNode) tree.get("screening").get(0)).put("note", "slight cold last week");

    assertStatus(post(Uploads.bytes(tree)), HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON);
  }

  @Test
  void missingContentTypeIs415Problem() {
    MvcTestResult result = mvc.post().uri("/v1/consents").content(Uploads.json(upload)).exchange();

    assertStatus(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, PROBLEM);
    verifyNoInteractions(intake);
  }

  @Test
  void jsonAloneIs415ProblemNamingMultipart() {
    MvcTestResult result = mvc.post().uri("/v1/consents").contentType(MediaType.APPLICATION_JSON)
        .content(Uploads.json(upload)).exchange();

    JsonNode problem = body(assertStatus(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, PROBLEM));
    assertThat(problem.path("status").asInt()).isEqualTo(415);
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:unsupported-media-type");
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).contains("multipart/form-data");
    assertThat(result.getResponse().getHeader("Accept")).isEqualTo(MediaType.MULTIPART_FORM_DATA_VALUE);
    verifyNoInteractions(intake);
  }

  @Test
  void evidencePartsReachTheIntakeByTheirEvidenceId() {
    given(intake.accept(any())).willReturn(new IngestReceipt(upload.getConsentId(), "ab".repeat(32), Instant.now(), SIGNATURE));
    org.qianhe.terminal.client.Submission submission = Uploads.captured(upload);

    assertStatus(postMultipart(Uploads.multipart(BOUNDARY, submission)), HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON);

    ArgumentCaptor<ReceivedUpload> accepted = ArgumentCaptor.forClass(ReceivedUpload.class);
    verify(intake).accept(accepted.capture());
    assertThat(accepted.getValue().evidence()).extracting(ReceivedUpload.EvidencePart::evidenceId)
        .containsExactlyElementsOf(upload.getEvidence().stream().map(r -> r.getEvidenceId()).toList());
    for (ReceivedUpload.EvidencePart part : accepted.getValue().evidence()) {
      assertThat(part.data()).isEqualTo(submission.evidence().get(part.evidenceId()));
    }
  }

  @Test
  void malformedMultipartIs400NamingTheProblem() {
    byte[] whole = Uploads.multipart(BOUNDARY, Uploads.captured(upload));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 30);

    JsonNode problem = body(assertStatus(postMultipart(truncated), HttpStatus.BAD_REQUEST, PROBLEM));

    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:malformed-upload");
    assertThat(Uploads.errorCodes(problem)).containsExactly("MULTIPART_MALFORMED");
    assertThat(problem.path("errors").get(0).path("problem").asText()).contains("not closed");
    verifyNoInteractions(intake);
  }

  @Test
  void missingConsentPartAndUnknownPartsAreNamedAtOnce() {
    String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nhello\r\n"
        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"evidence\"\r\nContent-Type: image/jpeg\r\n\r\nxyz\r\n"
        + "--" + BOUNDARY + "--\r\n";

    JsonNode problem = body(assertStatus(postMultipart(body.getBytes(StandardCharsets.UTF_8)), HttpStatus.BAD_REQUEST, PROBLEM));

    assertThat(Uploads.errorCodes(problem)).containsExactlyInAnyOrder("CONSENT_PART_MISSING", "PART_UNKNOWN",
        "EVIDENCE_PART_UNNAMED");
    verifyNoInteractions(intake);
  }

  @Test
  void bodyOverTheLimitIs413Problem() {
    byte[] big = new byte[128 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');

    JsonNode problem = body(assertStatus(postMultipart(big), HttpStatus.CONTENT_TOO_LARGE, PROBLEM));
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:consent-too-large");
    assertThat(problem.path("detail").asText()).contains("131072");
    verifyNoInteractions(intake);
  }

  @Test
  void truncatedJsonIs400NamingTheDocument() {
    byte[] json = Uploads.json(upload);
    JsonNode problem = badRequest(Arrays.copyOf(json, json.length / 2));

    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:malformed-consent");
    assertThat(Uploads.errorFields(problem)).containsExactly("$");
    assertThat(problem.path("errors").get(0).path("problem").asText()).startsWith("not valid JSON at line");
  }

  @Test
  void invalidUtf8Is400() {
    byte[] json = Uploads.json(upload);
    byte[] broken = Arrays.copyOf(json, json.length);
    int quote = new String(json, StandardCharsets.ISO_8859_1).indexOf("\"siteCode\":\"") + 12;
    broken[quote] = (byte) 0xC3; // a lead byte followed by an ASCII digit: not UTF-8
    JsonNode problem = badRequest(broken);

    assertThat(Uploads.errorFields(problem)).containsExactly("$");
    assertThat(problem.path("errors").get(0).path("problem").asText()).contains("UTF-8");
  }

  @Test
  void emptyBodyIs400() {
    assertThat(Uploads.errorFields(badRequest(new byte[0]))).containsExactly("$");
  }

  @Test
  void everyShapeProblemIsNamedAtOnce() {
    ObjectNode tree = Uploads.tree(upload);
    ((ObjectNode) tree.get("vaccination")).put("doseNumber", "two");
    tree.put("decision", "MAYBE");
    tree.remove("notice");
    tree.put("biometricConsent", "yes");
    ((ObjectNode) tree.get("child")).put("birthDate", "31.01.2020");
    tree.put("favouriteColour", "blue");

    JsonNode problem = badRequest(Uploads.bytes(tree));

    assertThat(Uploads.errorFields(problem)).containsExactlyInAnyOrder("vaccination.doseNumber", "decision",
        "notice", "biometricConsent", "child.birthDate", "favouriteColour");
    assertThat(problem.path("detail").asText()).startsWith("6 problem(s)");
  }

  @Test
  void badUuidIs400WithItsReasonCode() {
    ObjectNode tree = Uploads.tree(upload);
    tree.put("consentId", "not-a-uuid");

    JsonNode problem = badRequest(Uploads.bytes(tree));

    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:invalid-consent");
    assertThat(Uploads.errorFields(problem)).containsExactly("consentId");
    assertThat(Uploads.errorCodes(problem)).containsExactly("CONSENT_ID_FORMAT");
  }

  @Test
  void everyRuleBreakIsNamedAtOnceWithItsCode() {
    ObjectNode tree = Uploads.tree(upload);
    tree.put("consentId", "not-a-uuid");
    tree.put("regionCode", "99");
    ((ObjectNode) tree.get("guardian")).put("phone", "12345");
    ((ObjectNode) tree.get("child")).put("idNumber", "1234");
    ((ObjectNode) tree.get("vaccination")).put("doseNumber", 0);

    JsonNode problem = badRequest(Uploads.bytes(tree));

    assertThat(Uploads.errorFields(problem)).containsExactlyInAnyOrder("consentId", "regionCode",
        "guardian.phone", "child.idNumber", "vaccination.doseNumber");
    assertThat(Uploads.errorCodes(problem)).containsExactlyInAnyOrder("CONSENT_ID_FORMAT",
        "REGION_CODE_FORMAT", "PHONE_FORMAT", "ID_NUMBER_FORMAT", "DOSE_NUMBER_RANGE");
  }

  @Test
  void aRefusedValueIsNeverEchoedNorLogged(CapturedOutput output) {
    // A terminal that puts people's identities into the wrong fields must not see them come back.
    ObjectNode tree = Uploads.tree(upload);
    tree.put("consentId", upload.getChild().getName());
    tree.put("regionCode", upload.getChild().getIdNumber());
    tree.put("siteCode", 42);
    ((ObjectNode) tree.get("guardian")).put("phone", upload.getGuardian().getName());
    MvcTestResult shape = post(Uploads.bytes(tree));
    tree.put("siteCode", upload.getSiteCode());
    MvcTestResult rules = post(Uploads.bytes(tree));

    List<String> secrets = Uploads.identitiesOf(upload);
    assertThat(Uploads.errorFields(body(assertStatus(shape, HttpStatus.BAD_REQUEST, PROBLEM)))).containsExactly("siteCode");
    assertThat(Uploads.errorFields(body(assertStatus(rules, HttpStatus.BAD_REQUEST, PROBLEM))))
        .contains("consentId", "regionCode", "guardian.phone");
    assertThat(Uploads.leaked(text(shape) + text(rules), secrets)).as("identities in the answers").isEmpty();
    assertThat(Uploads.leaked(output.getAll(), secrets)).as("identities in the log").isEmpty();
  }

  @Test
  void refusedTerminalIs403WithItsReasonCode() {
    given(intake.accept(any())).willThrow(ConsentProblems.terminalRefused(TerminalRefusal.TERMINAL_REVOKED));

    JsonNode problem = body(assertStatus(post(Uploads.json(upload)), HttpStatus.FORBIDDEN, PROBLEM));

    assertThat(problem.path("code").asText()).isEqualTo("TERMINAL_REVOKED");
    assertThat(Uploads.errorFields(problem)).containsExactly("terminalId");
    assertThat(Uploads.errorCodes(problem)).containsExactly("TERMINAL_REVOKED");
  }

  @Test
  void kafkaNotAcknowledgingIs503WithRetryAfter() {
    given(intake.accept(any())).willThrow(ConsentProblems.unavailable(17));

    MvcTestResult result = post(Uploads.json(upload));

    JsonNode problem = body(assertStatus(result, HttpStatus.SERVICE_UNAVAILABLE, PROBLEM));
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:ingest-unavailable");
    assertThat(result.getResponse().getHeader("Retry-After")).isEqualTo("17");
  }

  @Test
  void unexpectedFailureIs500WithoutItsMessage(CapturedOutput output) {
    String secret = upload.getChild().getIdNumber();
    given(intake.accept(any())).willThrow(new IllegalStateException("cannot bind value " + secret));

    MvcTestResult result = post(Uploads.json(upload));

    JsonNode problem = body(assertStatus(result, HttpStatus.INTERNAL_SERVER_ERROR, PROBLEM));
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:internal-error");
    assertThat(output.getAll()).contains("java.lang.IllegalStateException");
    assertThat(Uploads.leaked(text(result) + output.getAll(), List.of(secret))).isEmpty();
  }

  private static final String BOUNDARY = "test-boundary-7f3a";

  /** Posts the bytes as the consent part of a multipart body (no evidence). */
  private MvcTestResult post(byte[] consentJson) {
    return postMultipart(Uploads.consentOnly(BOUNDARY, consentJson));
  }

  private MvcTestResult postMultipart(byte[] body) {
    return mvc.post().uri("/v1/consents").contentType("multipart/form-data; boundary=" + BOUNDARY).content(body).exchange();
  }

  private JsonNode badRequest(byte[] body) {
    JsonNode problem = body(assertStatus(post(body), HttpStatus.BAD_REQUEST, PROBLEM));
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("title").asText()).isNotBlank();
    verifyNoInteractions(intake);
    return problem;
  }

  private static MvcTestResult assertStatus(MvcTestResult result, HttpStatus status, MediaType type) {
    assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(type);
    return result;
  }

  private static JsonNode body(MvcTestResult result) {
    return Uploads.parse(result.getResponse().getContentAsByteArray());
  }

  private static String text(MvcTestResult result) {
    return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
  }
}
