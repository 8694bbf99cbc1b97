package org.qianhe.paper.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.Finding;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.ReviewStatus;
import org.qianhe.model.Source;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.paper.form.FormTemplate;

class PaperRecordsTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-28T08:00:00Z");
  private final PaperRecords records = new PaperRecords(FormTemplate.standard(), CodeLists.bundled(), Duration.ofMinutes(5));
  private final PaperLineage lineage = new PaperLineage("batch-7", "B01-0001.pdf", 2, 0.93, ReviewStatus.NOT_NEEDED);
  private final List<EvidenceRef> evidence = List.of(
      Evidence.ref(EvidenceKind.SIGNATURE, "signature".getBytes(StandardCharsets.UTF_8), "image/png"),
      Evidence.ref(EvidenceKind.SCAN, "page".getBytes(StandardCharsets.UTF_8), "image/jpeg"));

  @Test
  void theSameFormAlwaysMakesTheSameConsentId() {
    assertThat(PaperRecords.consentId("410105002-000017")).isEqualTo(PaperRecords.consentId("410105002-000017"))
        .isNotEqualTo(PaperRecords.consentId("410105002-000018")).matches("[0-9a-f-]{36}");
  }

  @Test
  void aGoodPageMakesAPaperScanRecordThatPassesTheModelsRules() {
    Map<String, String> values = values();

    List<Finding> findings = records.validate(values, lineage, RECEIVED, evidence);

    assertThat(org.qianhe.model.validation.ConsentValidator.hasErrors(findings)).as(findings.toString()).isFalse();
  }

  @Test
  void theArchivedRecordCarriesLineageMasksAndASealedIdentityButNoNameOrIdInClear() {
    PeopleProtector people = new PeopleProtector(new BlindIndex(new byte[32]), new IdentitySealer("k1", new byte[32]));

    ConsentRecord record = records.toRecord(values(), lineage, RECEIVED, people, evidence);

    assertThat(record.getSource()).isEqualTo(Source.PAPER_SCAN);
    assertThat(record.getConsentId()).isEqualTo(PaperRecords.consentId("410105002-000017"));
    assertThat(record.getRegionCode()).isEqualTo("410105");
    assertThat(record.getProcessing().getPaper()).isEqualTo(lineage);
    assertThat(record.getNotice().getTemplateId()).isEqualTo("NIP-DTaP");
    assertThat(record.getChild().getNameMasked()).isEqualTo("梁**");
    assertThat(record.getChild().getKey()).hasSize(64);
    assertThat(record.getGuardian().getKey()).isEmpty();
    assertThat(record.getIdentitySealed().getKeyId()).isEqualTo("k1");
    String json = new String(ConsentJson.canonical(record), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("梁一诺", values().get("childId"), "13812345678", "黄雨桐");
  }

  @Test
  void brokenRulesAreFoundOnPaperAsOnTerminals() {
    Map<String, String> values = values();
    values.put("lotExpiry", "2024-01-01");
    values.put("doseNumber", "9");

    List<Finding> findings = records.validate(values, lineage, RECEIVED, evidence);

    assertThat(findings).extracting(Finding::getCode).contains("LOT_EXPIRED", "DOSE_NOT_IN_SCHEDULE");
  }

  @Test
  void aConsentWithoutSignatureLacksItsEvidence() {
    List<Finding> findings = records.validate(values(), lineage, RECEIVED, evidence.subList(1, 2));

    assertThat(findings).extracting(Finding::getCode).contains("EVIDENCE_MISSING");
  }

  @Test
  void anIncompletePageCannotBeArchived() {
    Map<String, String> values = values();
    values.put("lotNumber", "");
    PeopleProtector people = new PeopleProtector(new BlindIndex(new byte[32]), new IdentitySealer("k1", new byte[32]));

    assertThat(records.validate(values, lineage, RECEIVED, evidence)).isEmpty();
    assertThatThrownBy(() -> records.toRecord(values, lineage, RECEIVED, people, evidence))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("review");
  }

  private static Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>(PagesForTests.fixChecksum(PagesForTests.VALUES));
    values.putAll(PagesForTests.TICKS);
    return values;
  }
}
