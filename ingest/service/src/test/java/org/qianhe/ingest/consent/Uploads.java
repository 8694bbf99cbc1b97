package org.qianhe.ingest.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.terminal.client.ConsentClient;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.simulator.SimulatedCapture;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.terminal.simulator.ConsentGenerator;

/** Test uploads from the terminal simulator, and ways to spoil them. */
final class Uploads {

  /** The suite of the test terminals' keys (the service's default). */
  static final CryptoSuite SUITE = CryptoSuites.GM;
  private static final Map<String, SigningKey> KEYS = new ConcurrentHashMap<>();

  private Uploads() {}

  /** The signing key of a test terminal, made on first use. */
  static SigningKey keyOf(String terminalId) {
    return KEYS.computeIfAbsent(terminalId, id -> SUITE.generateSigningKey(new SecureRandom()));
  }

  /** Registers the upload's terminal at its site with its test key; returns the upload. */
  static ConsentUpload registered(TerminalRegistry registry, ConsentUpload upload) {
    registry.register(upload.getTerminalId(), upload.getSiteCode(), upload.getRegionCode(),
        keyOf(upload.getTerminalId()).verificationKey());
    return upload;
  }

  /** The upload signed now by its terminal's test key (the evidence references as they are). */
  static ConsentUpload signed(ConsentUpload upload) {
    return signed(upload, Instant.now());
  }

  static ConsentUpload signed(ConsentUpload upload, Instant signedAt) {
    return UploadSignatures.sign(upload, SUITE, keyOf(upload.getTerminalId()), signedAt);
  }

  /** The upload with simulated evidence (fingerprint and photo, or signature image), not signed. */
  static Submission captured(ConsentUpload upload) {
    return SimulatedCapture.of(upload, SUITE);
  }

  /** The upload as its terminal sends it now: with evidence, signed. */
  static Submission submission(ConsentUpload upload) {
    return signed(captured(upload), Instant.now());
  }

  /** The submission's consent signed at that instant by its terminal's test key; the evidence kept. */
  static Submission signed(Submission submission, Instant signedAt) {
    return new Submission(signed(submission.upload(), signedAt), submission.evidence());
  }

  /** The multipart body of a submission, for tests that post bytes. */
  static byte[] multipart(String boundary, Submission submission) {
    return ConsentClient.multipart(boundary, json(submission.upload()), submission);
  }

  /** A multipart body with only a consent part holding these bytes. */
  static byte[] consentOnly(String boundary, byte[] consentJson) {
    return ConsentClient.multipart(boundary, consentJson, null);
  }

  /**
   * A realistic consent, seeded, under a fresh consentId: the ledger lives in the shared database
   * and outlives test runs, and a seeded consentId would meet its earlier content there (409).
   */
  static ConsentUpload sample(long seed) {
    ConsentUpload upload = new ConsentGenerator(seed, Instant.now()).next();
    upload.setConsentId(java.util.UUID.randomUUID().toString());
    return upload;
  }

  static byte[] json(ConsentUpload upload) {
    return ConsentJson.write(upload);
  }

  /** The upload as a mutable JSON tree, to break one field at a time. */
  static ObjectNode tree(ConsentUpload upload) {
    return (ObjectNode) parse(json(upload));
  }

  static byte[] bytes(JsonNode tree) {
    return ConsentJson.write(tree);
  }

  static JsonNode parse(byte[] json) {
    try {
      return ConsentJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The raw identities in an upload: none of them may show up in Kafka, logs or answers. */
  static List<String> identitiesOf(ConsentUpload upload) {
    return List.of(upload.getChild().getName(), upload.getChild().getIdNumber(),
        upload.getGuardian().getName(), upload.getGuardian().getIdNumber(), upload.getGuardian().getPhone());
  }

  /** The {@code field} of every entry of a problem's {@code errors} array. */
  static List<String> errorFields(JsonNode problem) {
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
    return fields;
  }

  /** The {@code code} of every entry of a problem's {@code errors} array ("" where there is none). */
  static List<String> errorCodes(JsonNode problem) {
    List<String> codes = new ArrayList<>();
    problem.path("errors").forEach(error -> codes.add(error.path("code").asText("")));
    return codes;
  }

  /**
   * Which of the secrets occur in the text, by position only: a failing assertion then names
   * "secret #2", never the secret itself (test output must not carry identities either).
   */
  static List<String> leaked(String text, List<String> secrets) {
    List<String> leaked = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      if (text.contains(secrets.get(i))) {
        leaked.add("secret #" + i);
      }
    }
    return leaked;
  }
}
