package org.qianhe.search.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qianhe.model.ChildRef;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.Finding;
import org.qianhe.model.GuardianRef;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.Processing;
import org.qianhe.model.Severity;
import org.qianhe.model.Vaccination;

/**
 * The searchable projection of a consent: what Elasticsearch may hold (DESIGN.md section 5).
 *
 * <p>Built field by field from an allow-list, never by copying the record, so a field added to
 * the schema later stays out of the index until someone decides it belongs there. People appear
 * only as blind-index keys and masked display values; {@code identitySealed}, screening notes,
 * signatures and evidence digests never leave the archive. Dates are ISO-8601 strings, which is
 * what the {@code date} fields of the template parse.
 */
public final class ConsentDocuments {

  private ConsentDocuments() {}

  public static Map<String, Object> toDocument(ConsentRecord r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(ConsentFields.CONSENT_ID, r.getConsentId());
    doc.put("schemaVersion", r.getSchemaVersion());
    doc.put(ConsentFields.SOURCE, r.getSource().name());
    doc.put(ConsentFields.REGION_CODE, r.getRegionCode());
    doc.put(ConsentFields.SITE_CODE, r.getSiteCode());
    putIfPresent(doc, ConsentFields.TERMINAL_ID, r.getTerminalId());
    doc.put(ConsentFields.OCCURRED_AT, r.getOccurredAt().toString());
    doc.put(ConsentFields.RECEIVED_AT, r.getReceivedAt().toString());

    Vaccination v = r.getVaccination();
    doc.put(ConsentFields.VACCINE_CODE, v.getVaccineCode());
    doc.put("vaccineName", v.getVaccineName());
    doc.put("manufacturer", v.getManufacturer());
    doc.put(ConsentFields.LOT_NUMBER, v.getLotNumber());
    doc.put("lotExpiry", v.getLotExpiry().toString());
    doc.put("doseNumber", v.getDoseNumber());
    doc.put("route", v.getRoute());
    doc.put("bodySite", v.getBodySite());

    doc.put("noticeTemplateId", r.getNotice().getTemplateId());
    doc.put("noticeVersion", r.getNotice().getVersion());
    doc.put(ConsentFields.DECISION, r.getDecision().name());
    doc.put("confirmationMethod", r.getConfirmationMethod().name());
    doc.put("biometricConsent", r.getBiometricConsent());

    doc.put("child", child(r.getChild()));
    doc.put("guardian", guardian(r.getGuardian()));
    doc.put("evidence", evidence(r.getEvidence()));

    processing(doc, r.getProcessing());
    return doc;
  }

  private static Map<String, Object> child(ChildRef c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", c.getKey());
    m.put("nameMasked", c.getNameMasked());
    m.put("idMasked", c.getIdMasked());
    m.put("birthYearMonth", c.getBirthYearMonth());
    m.put("sex", c.getSex().name());
    return m;
  }

  private static Map<String, Object> guardian(GuardianRef g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", g.getKey());
    m.put("nameMasked", g.getNameMasked());
    m.put("idMasked", g.getIdMasked());
    m.put("phoneMasked", g.getPhoneMasked());
    m.put("relation", g.getRelation());
    return m;
  }

  /** Kind and id only: the id finds the bytes in the evidence store (audited); the digest stays in the archive. */
  private static List<Map<String, Object>> evidence(List<EvidenceRef> refs) {
    List<Map<String, Object>> list = new ArrayList<>(refs.size());
    for (EvidenceRef ref : refs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", ref.getKind().name());
      m.put("evidenceId", ref.getEvidenceId());
      list.add(m);
    }
    return list;
  }

  /** Codes only: a finding's message is fixed text, but its field path says nothing an analyst filters on. */
  private static void processing(Map<String, Object> doc, Processing p) {
    if (p == null) {
      return;
    }
    doc.put(ConsentFields.VALIDATION_STATUS, p.getValidationStatus().name());
    doc.put("warningCodes", codes(p.getFindings(), Severity.WARNING));
    doc.put("errorCodes", codes(p.getFindings(), Severity.ERROR));
    putIfPresent(doc, ConsentFields.DUPLICATE_OF, p.getDuplicateOf());
    PaperLineage paper = p.getPaper();
    if (paper != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scanBatch", paper.getScanBatch());
      m.put("file", paper.getFile());
      m.put("page", paper.getPage());
      m.put("ocrConfidence", paper.getOcrConfidence());
      m.put("reviewStatus", paper.getReviewStatus().name());
      doc.put("paper", m);
    }
  }

  private static List<String> codes(List<Finding> findings, Severity severity) {
    return findings.stream().filter(f -> f.getSeverity() == severity).map(Finding::getCode).distinct().toList();
  }

  private static void putIfPresent(Map<String, Object> doc, String field, Object value) {
    if (value != null) {
      doc.put(field, value);
    }
  }
}
