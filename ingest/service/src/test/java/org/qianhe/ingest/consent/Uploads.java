package org.qianhe.ingest.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.terminal.simulator.ConsentGenerator;

/** Test uploads from the terminal simulator, and ways to spoil them. */
final class Uploads {

  private Uploads() {}

  static ConsentUpload sample(long seed) {
    return new ConsentGenerator(seed, Instant.now()).next();
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
