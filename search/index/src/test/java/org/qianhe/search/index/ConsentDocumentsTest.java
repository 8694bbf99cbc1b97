package org.qianhe.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Finding;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.Processing;
import org.qianhe.model.ReviewStatus;
import org.qianhe.model.SealedIdentity;
import org.qianhe.model.Severity;
import org.qianhe.model.Source;
import org.qianhe.model.ValidationStatus;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.Masking;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConsentDocumentsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void neverCarriesARawIdentityAScreeningNoteOrTheSignatureValue() {
    TestConsents consents = TestConsents.generate(11, 50);
    for (ConsentRecord record : consents.records()) {
      Map<String, Object> doc = ConsentDocuments.toDocument(record);
      String json = JSON.writeValueAsString(doc);

      assertThat(doc).doesNotContainKeys("receipt", "notice", "processing");
      if (record.getSignature() != null) {
        assertThat(json).doesNotContain(record.getSignature().getValue());
      }
      record.getScreening().stream().filter(a -> a.getNote() != null && !a.getNote().isBlank())
          .forEach(a -> assertThat(json).doesNotContain(a.getNote()));
    }
    String all = JSON.writeValueAsString(consents.records().stream().map(ConsentDocuments::toDocument).toList());
    for (String raw : consents.rawIdentities()) {
      assertThat(all).doesNotContain(raw);
    }
  }

  /** The sealed identity travels as the ciphertext the record holds, with its key id, and opens only with that key. */
  @Test
  @SuppressWarnings("unchecked")
  void carriesTheSealedIdentityAsCiphertextThatOpensWithTheSealingKey() {
    TestConsents consents = TestConsents.generate(16, 3);
    for (ConsentRecord record : consents.records()) {
      Map<String, Object> sealed = (Map<String, Object>) ConsentDocuments.toDocument(record)
          .get(ConsentDocuments.SEALED_IDENTITY);

      assertThat(sealed).containsEntry("keyId", "test-seal-1").containsEntry("algorithm", IdentitySealer.ALGORITHM);
      SealedIdentity back = SealedIdentity.newBuilder().setKeyId((String) sealed.get("keyId"))
          .setAlgorithm((String) sealed.get("algorithm"))
          .setCiphertext(ByteBuffer.wrap(Base64.getDecoder().decode((String) sealed.get("ciphertext")))).build();
      String opened = new String(TestConsents.sealer().open(back, record.getConsentId()), StandardCharsets.UTF_8);
      assertThat(opened).contains(consents.uploads().get(consents.records().indexOf(record)).getChild().getIdNumber());
    }
  }

  @Test
  void carriesWhatTheDetailPageShowsNoticeDigestScreeningEvidenceDigestsAndSigner() {
    ConsentRecord record = TestConsents.generate(17, 1).records().get(0);

    Map<String, Object> doc = ConsentDocuments.toDocument(record);

    assertThat(doc).containsEntry("noticeDigest", record.getNotice().getDigest());
    assertThat(doc.get("screening")).isEqualTo(record.getScreening().stream()
        .map(a -> Map.<String, Object>of("questionCode", a.getQuestionCode(), "answer", a.getAnswer())).toList());
    assertThat(doc.get("evidence")).isEqualTo(record.getEvidence().stream()
        .map(e -> Map.<String, Object>of("kind", e.getKind().name(), "evidenceId", e.getEvidenceId(),
            "digest", e.getDigest(), "mediaType", e.getMediaType(), "sizeBytes", e.getSizeBytes())).toList());
    if (record.getSignature() == null) {
      assertThat(doc).doesNotContainKey("signature");
    } else {
      assertThat(doc.get("signature")).isEqualTo(Map.of("algorithm", record.getSignature().getAlgorithm(),
          "keyId", record.getSignature().getKeyId()));
    }
  }

  /** Detail-only fields and the ciphertext are kept in _source but no query can match on them. */
  @Test
  void detailOnlyFieldsAndTheSealedIdentityAreNotIndexed() throws IOException {
    JsonNode properties = mappedRoot().path("properties");

    for (JsonNode field : List.of(properties.path("noticeDigest"), properties.path("screening").path("properties").path("questionCode"),
        properties.path("evidence").path("properties").path("digest"),
        properties.path("signature").path("properties").path("keyId"),
        properties.path("identitySealed").path("properties").path("keyId"))) {
      assertThat(field.path("index").asBoolean(true)).as(field.toString()).isFalse();
      assertThat(field.path("doc_values").asBoolean(true)).as(field.toString()).isFalse();
    }
    // binary fields are neither indexed nor given doc values by default
    assertThat(properties.path("identitySealed").path("properties").path("ciphertext").path("type").asString())
        .isEqualTo("binary");
  }

  /** Out of _source, so no search or export carries it; stored, so the unmask lookup can ask for it. */
  @Test
  void theSealedIdentityIsStoredOutsideTheSource() throws IOException {
    JsonNode root = mappedRoot();

    assertThat(root.path("_source").path("excludes")).extracting(JsonNode::asString).containsExactly("identitySealed");
    for (String part : List.of("keyId", "algorithm", "ciphertext")) {
      assertThat(root.path("properties").path("identitySealed").path("properties").path(part).path("store").asBoolean())
          .as(part).isTrue();
    }
  }

  /** A hit's sealed identity comes from its stored fields, or from _source where indices before version 3 kept it. */
  @Test
  void readsTheSealedIdentityFromStoredFieldsOrAnOlderSource() {
    Map<String, Object> written = ConsentDocuments.toDocument(TestConsents.generate(18, 1).records().get(0));
    @SuppressWarnings("unchecked")
    Map<String, Object> sealed = (Map<String, Object>) written.get(ConsentDocuments.SEALED_IDENTITY);
    Map<String, JsonData> stored = new LinkedHashMap<>();
    for (String part : List.of("keyId", "algorithm", "ciphertext")) {
      stored.put("identitySealed." + part, JsonData.of(List.of(sealed.get(part))));
    }
    Map<String, Object> masked = new LinkedHashMap<>(written);
    masked.remove(ConsentDocuments.SEALED_IDENTITY);

    assertThat(ConsentDocuments.sealedIdentity(masked, stored)).isEqualTo(sealed);
    assertThat(ConsentDocuments.sealedIdentity(written, Map.of())).isEqualTo(sealed);
    assertThat(ConsentDocuments.sealedIdentity(masked, Map.of())).isNull();
    assertThat(ConsentDocuments.sealedIdentity(masked, null)).isNull();
  }

  @Test
  void mapsTheSearchableFieldsOfATerminalConsent() {
    TestConsents consents = TestConsents.generate(12, 1);
    ConsentUpload upload = consents.uploads().get(0);
    ConsentRecord record = consents.records().get(0);

    Map<String, Object> doc = ConsentDocuments.toDocument(record);

    assertThat(doc).containsEntry("consentId", upload.getConsentId())
        .containsEntry("source", "TERMINAL")
        .containsEntry("regionCode", upload.getRegionCode())
        .containsEntry("siteCode", upload.getSiteCode())
        .containsEntry("terminalId", upload.getTerminalId())
        .containsEntry("vaccineCode", upload.getVaccination().getVaccineCode())
        .containsEntry("vaccineName", upload.getVaccination().getVaccineName())
        .containsEntry("manufacturer", upload.getVaccination().getManufacturer())
        .containsEntry("lotNumber", upload.getVaccination().getLotNumber())
        .containsEntry("doseNumber", upload.getVaccination().getDoseNumber())
        .containsEntry("route", upload.getVaccination().getRoute())
        .containsEntry("bodySite", upload.getVaccination().getBodySite())
        .containsEntry("noticeTemplateId", upload.getNotice().getTemplateId())
        .containsEntry("noticeVersion", upload.getNotice().getVersion())
        .containsEntry("decision", upload.getDecision().name())
        .containsEntry("confirmationMethod", upload.getConfirmationMethod().name())
        .containsEntry("biometricConsent", upload.getBiometricConsent())
        .containsEntry("validationStatus", "UNCHECKED");
    assertThat(doc.get("child")).isEqualTo(Map.of(
        "key", record.getChild().getKey(),
        "nameMasked", Masking.name(upload.getChild().getName()),
        "idMasked", Masking.idNumber(upload.getChild().getIdNumber()),
        "birthYearMonth", upload.getChild().getBirthDate().toString().substring(0, 7),
        "sex", upload.getChild().getSex().name()));
    assertThat(doc.get("guardian")).isEqualTo(Map.of(
        "key", record.getGuardian().getKey(),
        "nameMasked", Masking.name(upload.getGuardian().getName()),
        "idMasked", Masking.idNumber(upload.getGuardian().getIdNumber()),
        "phoneMasked", Masking.phone(upload.getGuardian().getPhone()),
        "relation", upload.getGuardian().getRelation()));
    assertThat(doc).containsEntry("noticeVersion", upload.getNotice().getVersion());
  }

  @Test
  void writesDatesAsIsoStrings() {
    ConsentRecord record = TestConsents.generate(13, 1).records().get(0);

    Map<String, Object> doc = ConsentDocuments.toDocument(record);

    assertThat(Instant.parse((String) doc.get("occurredAt"))).isEqualTo(record.getOccurredAt());
    assertThat(Instant.parse((String) doc.get("receivedAt"))).isEqualTo(TestConsents.NOW);
    assertThat(LocalDate.parse((String) doc.get("lotExpiry"))).isEqualTo(record.getVaccination().getLotExpiry());
  }

  @Test
  void carriesTheProcessingOutcomeAsCodesAndPaperLineage() {
    ConsentRecord record = paperDuplicate();

    Map<String, Object> doc = ConsentDocuments.toDocument(record);

    assertThat(doc).containsEntry("source", "PAPER_SCAN")
        .containsEntry("validationStatus", "WARNING")
        .containsEntry("warningCodes", List.of("LATE_UPLOAD"))
        .containsEntry("errorCodes", List.of())
        .containsEntry("duplicateOf", "0d5f4a0e-4a44-4b7e-9a59-5a2f1c0b7d11")
        .containsEntry("paper", Map.of("scanBatch", "B2025-06-01", "file", "box7/0001.tiff", "page", 3,
            "ocrConfidence", 0.93, "reviewStatus", "APPROVED"))
        .doesNotContainKey("terminalId");
  }

  @Test
  void everyDocumentFieldIsDeclaredInTheStrictTemplateMapping() throws IOException {
    Set<String> mapped = mappedPaths();
    List<Map<String, Object>> docs = new ArrayList<>();
    TestConsents.generate(14, 20).records().forEach(r -> docs.add(ConsentDocuments.toDocument(r)));
    docs.add(ConsentDocuments.toDocument(paperDuplicate()));

    for (Map<String, Object> doc : docs) {
      assertThat(mapped).containsAll(paths("", doc));
    }
    assertThat(mappedRoot().path("dynamic").asString()).isEqualTo("strict");
  }

  private static ConsentRecord paperDuplicate() {
    ConsentRecord terminal = TestConsents.generate(15, 1).records().get(0);
    return ConsentRecord.newBuilder(terminal)
        .setSource(Source.PAPER_SCAN)
        .setTerminalId(null)
        .setProcessing(Processing.newBuilder()
            .setValidationStatus(ValidationStatus.WARNING)
            .setFindings(List.of(Finding.newBuilder().setCode("LATE_UPLOAD").setSeverity(Severity.WARNING)
                .setField("receivedAt").setMessage("late").build()))
            .setDuplicateOf("0d5f4a0e-4a44-4b7e-9a59-5a2f1c0b7d11")
            .setPaper(PaperLineage.newBuilder().setScanBatch("B2025-06-01").setFile("box7/0001.tiff").setPage(3)
                .setOcrConfidence(0.93).setReviewStatus(ReviewStatus.APPROVED).build())
            .build())
        .build();
  }

  private static JsonNode mappedRoot() throws IOException {
    try (InputStream in = ConsentIndexClient.templateJson()) {
      return JSON.readTree(in).path("template").path("mappings");
    }
  }

  private static Set<String> mappedPaths() throws IOException {
    Set<String> paths = new TreeSet<>();
    collectMapped("", mappedRoot().path("properties"), paths);
    return paths;
  }

  private static void collectMapped(String prefix, JsonNode properties, Set<String> out) {
    properties.properties().forEach(field -> {
      JsonNode nested = field.getValue().path("properties");
      if (nested.isObject()) {
        collectMapped(prefix + field.getKey() + ".", nested, out);
      } else {
        out.add(prefix + field.getKey());
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static Set<String> paths(String prefix, Map<String, Object> doc) {
    Set<String> out = new TreeSet<>();
    doc.forEach((key, value) -> {
      if (value instanceof Map<?, ?> map) {
        out.addAll(paths(prefix + key + ".", (Map<String, Object>) map));
      } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
        list.forEach(item -> out.addAll(paths(prefix + key + ".", (Map<String, Object>) item)));
      } else {
        out.add(prefix + key);
      }
    });
    return out;
  }
}
