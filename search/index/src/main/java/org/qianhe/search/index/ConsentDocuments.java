package org.qianhe.search.index;

import co.elastic.clients.json.JsonData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
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
import org.qianhe.model.ScreeningAnswer;
import org.qianhe.model.SealedIdentity;
import org.qianhe.model.Severity;
import org.qianhe.model.TerminalSignature;
import org.qianhe.model.Vaccination;

/**
 * The searchable projection of a consent: what Elasticsearch may hold (DESIGN.md section 5).
 *
 * <p>Built field by field from an allow-list, never by copying the record, so a field added to
 * the schema later stays out of the index until someone decides it belongs there. People appear
 * only as blind-index keys and masked display values. Screening notes (free text a clinic may
 * fill with anything) and the signature value never leave the archive. Dates are ISO-8601
 * strings, which is what the {@code date} fields of the template parse.
 *
 * <p>What the record detail page shows and nobody filters on (notice digest, screening answers,
 * evidence digests, signature algorithm and key id) are mapped {@code index: false, doc_values:
 * false}: kept in {@code _source} only, so no query can match on them. The sealed identity
 * (ciphertext, for a trace officer's audited unmask) is not even in {@code _source}: the template
 * drops it from there and keeps it in stored fields ({@link #SEALED_IDENTITY_FIELDS}) that only
 * the unmask lookup and a rebuild ask for, so no search or export carries it, and an export can
 * take {@code _source} as stored instead of having Elasticsearch filter every document.
 */
public final class ConsentDocuments {

  /** The field holding the sealed identity: written by {@link #toDocument}, kept out of {@code _source}. */
  public static final String SEALED_IDENTITY = "identitySealed";
  private static final List<String> SEALED_PARTS = List.of("keyId", "algorithm", "ciphertext");
  /** Where an index keeps the sealed identity: stored fields, read with {@code stored_fields}. */
  public static final List<String> SEALED_IDENTITY_FIELDS =
      SEALED_PARTS.stream().map(part -> SEALED_IDENTITY + "." + part).toList();

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
    doc.put("noticeDigest", r.getNotice().getDigest());
    doc.put("screening", screening(r.getScreening()));
    doc.put(ConsentFields.DECISION, r.getDecision().name());
    doc.put("confirmationMethod", r.getConfirmationMethod().name());
    doc.put("biometricConsent", r.getBiometricConsent());

    doc.put("child", child(r.getChild()));
    doc.put("guardian", guardian(r.getGuardian()));
    doc.put("evidence", evidence(r.getEvidence()));
    putIfPresent(doc, "signature", signature(r.getSignature()));
    doc.put(SEALED_IDENTITY, sealed(r.getIdentitySealed()));

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

  /** References only: the id finds the encrypted bytes in the evidence store (audited), the digest proves them. */
  private static List<Map<String, Object>> evidence(List<EvidenceRef> refs) {
    List<Map<String, Object>> list = new ArrayList<>(refs.size());
    for (EvidenceRef ref : refs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", ref.getKind().name());
      m.put("evidenceId", ref.getEvidenceId());
      m.put("digest", ref.getDigest());
      m.put("mediaType", ref.getMediaType());
      m.put("sizeBytes", ref.getSizeBytes());
      list.add(m);
    }
    return list;
  }

  /** Question codes and yes/no answers; the free-text note stays in the archive. */
  private static List<Map<String, Object>> screening(List<ScreeningAnswer> answers) {
    List<Map<String, Object>> list = new ArrayList<>(answers.size());
    for (ScreeningAnswer answer : answers) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("questionCode", answer.getQuestionCode());
      m.put("answer", answer.getAnswer());
      list.add(m);
    }
    return list;
  }

  /** Which key signed it; the signature value itself is only useful to a verifier reading the archive. */
  private static Map<String, Object> signature(TerminalSignature signature) {
    if (signature == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("algorithm", signature.getAlgorithm());
    m.put("keyId", signature.getKeyId());
    return m;
  }

  /**
   * The sealed identity of a hit, shaped as {@link #toDocument} wrote it (keyId, algorithm,
   * Base64 ciphertext), from the stored fields the hit was asked for with
   * {@link #SEALED_IDENTITY_FIELDS}; or from its {@code _source}, where indices of mapping version
   * 2 and older kept it. Null when the hit has it in neither.
   */
  public static Map<String, Object> sealedIdentity(Map<String, Object> source, Map<String, JsonData> fields) {
    if (fields != null && fields.containsKey(SEALED_IDENTITY_FIELDS.get(0))) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < SEALED_PARTS.size(); i++) {
        JsonData values = fields.get(SEALED_IDENTITY_FIELDS.get(i));
        // a stored field comes back as an array of its values; these have one each
        m.put(SEALED_PARTS.get(i), values == null ? null : values.to(List.class).get(0));
      }
      return m;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> kept = source == null ? null : (Map<String, Object>) source.get(SEALED_IDENTITY);
    return kept;
  }

  /** Ciphertext (Base64) with its key id: unreadable without the sealing key, never searchable. */
  private static Map<String, Object> sealed(SealedIdentity sealed) {
    ByteBuffer ciphertext = sealed.getCiphertext().duplicate();
    byte[] bytes = new byte[ciphertext.remaining()];
    ciphertext.get(bytes);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyId", sealed.getKeyId());
    m.put("algorithm", sealed.getAlgorithm());
    m.put("ciphertext", Base64.getEncoder().encodeToString(bytes));
    return m;
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
