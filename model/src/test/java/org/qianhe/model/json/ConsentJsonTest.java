package org.qianhe.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Decision;
import org.qianhe.model.Fixtures;
import org.junit.jupiter.api.Test;

class ConsentJsonTest {

  @Test
  void readsAValidUploadWithEveryGroup() {
    ConsentUpload upload = Fixtures.validUpload();

    assertThat(upload.getDecision()).isEqualTo(Decision.CONSENTED);
    assertThat(upload.getVaccination().getLotExpiry()).hasToString("2027-05-01");
    assertThat(upload.getOccurredAt()).hasToString("2026-11-20T02:15:00Z");
    assertThat(upload.getEvidence()).hasSize(2);
  }

  @Test
  void writeThenReadGivesTheSameUpload() {
    ConsentUpload upload = Fixtures.validUpload();

    ConsentUpload again = ConsentJson.read(ConsentJson.write(upload), ConsentUpload.class, ConsentUpload.getClassSchema());

    assertThat(again).isEqualTo(upload);
  }

  @Test
  void listsEveryBadFieldAtOnce() {
    String json = json()
        .replace("\"doseNumber\": 2", "\"doseNumber\": \"two\"")
        .replace("\"decision\": \"CONSENTED\"", "\"decision\": \"MAYBE\"")
        .replace("\"siteCode\": \"410105001\",", "")
        .replace("\"occurredAt\": \"2026-11-20T02:15:00Z\"", "\"occurredAt\": \"yesterday\"")
        .replace("\"biometricConsent\": true", "\"biometricConsent\": true, \"extra\": 1");

    assertThatThrownBy(() -> read(json))
        .isInstanceOfSatisfying(MalformedJsonException.class, e -> assertThat(e.problems())
            .extracting(FieldProblem::field)
            .containsExactlyInAnyOrder("vaccination.doseNumber", "decision", "siteCode", "occurredAt", "extra"));
  }

  @Test
  void omittedFieldsTakeTheSchemaDefaults() {
    String json = json().replaceAll("(?s)\"screening\": \\[.*?\\],", "").replaceAll("(?s),\\s*\"evidence\": \\[.*\\]", "");

    ConsentUpload upload = read(json);

    assertThat(upload.getScreening()).isEmpty();
    assertThat(upload.getEvidence()).isEmpty();
    assertThat(upload.getSignature()).isNull();
  }

  @Test
  void truncatedJsonIsOneProblemAtTheRoot() {
    byte[] json = Arrays.copyOf(Fixtures.validUploadJson(), 200);

    assertThatThrownBy(() -> ConsentJson.read(json, ConsentUpload.class, ConsentUpload.getClassSchema()))
        .isInstanceOfSatisfying(MalformedJsonException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> assertThat(p.problem()).startsWith("not valid JSON")));
  }

  @Test
  void invalidUtf8IsRefusedBeforeParsing() {
    byte[] json = Fixtures.validUploadJson();
    byte[] broken = Arrays.copyOf(json, json.length);
    int at = new String(json, StandardCharsets.UTF_8).indexOf("梁小明");
    broken[new String(json, StandardCharsets.UTF_8).substring(0, at).getBytes(StandardCharsets.UTF_8).length] = (byte) 0xC3;

    assertThatThrownBy(() -> ConsentJson.read(broken, ConsentUpload.class, ConsentUpload.getClassSchema()))
        .isInstanceOfSatisfying(MalformedJsonException.class,
            e -> assertThat(e.problems()).containsExactly(FieldProblem.of("$", "body is not valid UTF-8")));
  }

  @Test
  void problemsNeverEchoTheValue() {
    String json = json().replace("\"name\": \"梁小明\"", "\"name\": 12345678901");

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("child.name")
        .hasMessageNotContaining("12345678901");
  }

  @Test
  void deeplyNestedJsonIsRefusedWithoutDescending() {
    String deep = "[".repeat(5000) + "]".repeat(5000);

    assertThatThrownBy(() -> read(deep))
        .isInstanceOfSatisfying(MalformedJsonException.class, e -> assertThat(e.problems())
            .containsExactly(FieldProblem.of("$", "not valid JSON for a consent: nested deeper than 32 levels")));
  }

  @Test
  void emptyBodyAndNonObjectsAreRefused() {
    assertThatThrownBy(() -> read("")).isInstanceOf(MalformedJsonException.class);
    assertThatThrownBy(() -> read("[]")).hasMessageContaining("$: must be an object");
    assertThatThrownBy(() -> read("{} {}")).hasMessageContaining("not valid JSON");
  }

  @Test
  void canonicalFormIsSortedCompactAndStable() {
    ConsentUpload upload = Fixtures.validUpload();
    String canonical = new String(ConsentJson.canonical(upload), StandardCharsets.UTF_8);

    assertThat(canonical).startsWith("{\"biometricConsent\":true,\"child\":{\"birthDate\":\"2025-03-01\",\"idNumber\"");
    assertThat(canonical).doesNotContain(" ", "\n", "null", "\"signature\"");
    ConsentUpload reordered = ConsentJson.read(ConsentJson.write(upload), ConsentUpload.class, ConsentUpload.getClassSchema());
    assertThat(ConsentJson.canonical(reordered)).isEqualTo(ConsentJson.canonical(upload));
  }

  private static String json() {
    return new String(Fixtures.validUploadJson(), StandardCharsets.UTF_8);
  }

  private static ConsentUpload read(String json) {
    return ConsentJson.read(json.getBytes(StandardCharsets.UTF_8), ConsentUpload.class, ConsentUpload.getClassSchema());
  }
}
