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
@Import({UploadReader.class, ConsentControllerTest.Config.class})
@TestPropertySource(properties = "qianhe.ingest.max-body-size=4KB")
@ExtendWith(OutputCaptureExtension.class)
class ConsentControllerTest {

  @TestConfiguration
  @EnableConfigurationProperties(IngestProperties.class)
  static class Config {}

  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  @Autowired
  private MockMvcTester mvc;

  @MockitoBean
  private ConsentIntake intake;

  private final ConsentUpload upload = Uploads.sample(7);

  @Test
  void acceptedUploadAnswers202WithTheReceipt() {
    given(intake.accept(any())).willReturn(new IngestReceipt(upload.getConsentId(), "ab".repeat(32),
        Instant.parse("2026-01-31T08:30:00.123Z")));

    JsonNode receipt = body(assertStatus(post(Uploads.json(upload)), HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON));

    assertThat(receipt.path("consentId").asText()).isEqualTo(upload.getConsentId());
    assertThat(receipt.path("contentDigest").asText()).isEqualTo("ab".repeat(32));
    assertThat(receipt.path("receivedAt").asText()).isEqualTo("2026-01-31T08:30:00.123Z");
  }

  @Test
  void optionalMembersOfTheContractAreAccepted() {
    given(intake.accept(any())).willReturn(new IngestReceipt(upload.getConsentId(), "ab".repeat(32), Instant.now()));
    ObjectNode tree = Uploads.tree(upload);
    tree.putObject("signature").put("algorithm", "SM2").put("keyId", "T-key-1").put("value", "c2lnbmF0dXJl");
    tree.putNull("evidence");
    tree.remove("screening");

    assertStatus(post(Uploads.bytes(tree)), HttpStatus.ACCEPTED, MediaType.APPLICATION_JSON);
    ArgumentCaptor<ConsentUpload> accepted = ArgumentCaptor.forClass(ConsentUpload.class);
    verify(intake).accept(accepted.capture());
    assertThat(accepted.getValue().getEvidence()).as("schema default, not null").isEmpty();
    assertThat(accepted.getValue().getScreening()).as("schema default, not null").isEmpty();
    assertThat(accepted.getValue().getSignature().getAlgorithm()).isEqualTo("SM2");
  }

  @Test
  void screeningNotesAreAccepted() {
    given(intake.accept(any())).willReturn(new IngestReceipt(upload.getConsentId(), "ab".repeat(32), Instant.now()));
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
  void otherContentTypeIs415Problem() {
    MvcTestResult result = mvc.post().uri("/v1/consents").contentType(MediaType.TEXT_PLAIN)
        .content(Uploads.json(upload)).exchange();

    JsonNode problem = body(assertStatus(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, PROBLEM));
    assertThat(problem.path("status").asInt()).isEqualTo(415);
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:unsupported-media-type");
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).contains("application/json");
    assertThat(result.getResponse().getHeader("Accept")).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
    verifyNoInteractions(intake);
  }

  @Test
  void bodyOverTheLimitIs413Problem() {
    byte[] big = new byte[4 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');

    JsonNode problem = body(assertStatus(post(big), HttpStatus.CONTENT_TOO_LARGE, PROBLEM));
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:consent-too-large");
    assertThat(problem.path("detail").asText()).contains("4096");
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

  private MvcTestResult post(byte[] body) {
    return mvc.post().uri("/v1/consents").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
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
