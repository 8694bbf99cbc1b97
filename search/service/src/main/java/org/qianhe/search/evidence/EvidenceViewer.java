package org.qianhe.search.evidence;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.qianhe.ingest.evidence.EvidenceIntegrityException;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.consent.RevealRules;
import org.qianhe.search.query.ConsentQueries;
import org.qianhe.search.query.ScopedIndex;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A consent's photo, fingerprint, signature image or scan pages, for a trace officer who states a
 * reason (the same rules as an unmask, {@link RevealRules}). The consent is looked up inside the
 * caller's region scope; its evidence references come from that document, the bytes from the
 * evidence store, decrypted on demand and checked against the digests; each item is watermarked
 * for the viewer. The EVIDENCE_VIEW row (with the reason) is written before anything is returned;
 * every refusal and failure is audited too.
 */
@Service
public class EvidenceViewer {

  static final String WHAT = "evidence view";

  private final ScopedIndex index;
  private final RevealRules rules;
  private final EvidenceVault vault;
  private final EvidenceRendering rendering;
  private final AuditLog audit;

  EvidenceViewer(ScopedIndex index, RevealRules rules, EvidenceVault vault, EvidenceRendering rendering, AuditLog audit) {
    this.index = index;
    this.rules = rules;
    this.vault = vault;
    this.rendering = rendering;
    this.audit = audit;
  }

  /**
   * The consent's evidence, watermarked for {@code who}: every item, or only {@code evidenceId}
   * when given.
   */
  public List<EvidenceImage> view(Analyst who, String consentId, String evidenceId, String reason) {
    String stated = rules.requireReason(who, consentId, reason, WHAT);
    Map<String, Object> doc = lookup(who, consentId);
    if (doc == null) {
      audit.record(new AuditEvent(who.username(), AuditAction.DENIED, consentId, WHAT + " refused: no such consent in scope",
          0, stated));
      throw RevealRules.notFound();
    }
    List<EvidenceRef> refs = references(doc);
    List<EvidenceRef> wanted = evidenceId == null ? refs
        : refs.stream().filter(r -> r.getEvidenceId().equals(evidenceId)).toList();
    if (wanted.isEmpty()) {
      audit.record(new AuditEvent(who.username(), AuditAction.DENIED, consentId,
          WHAT + " refused: " + (refs.isEmpty() ? "the consent has no evidence" : "no such evidence of the consent"), 0, stated));
      throw ProblemException.of(HttpStatus.NOT_FOUND, "evidence-not-found", "Evidence not found",
          "The consent has no evidence with this id.");
    }
    List<EvidenceImage> images = open(who, consentId, refs, wanted, stated);
    // recorded before any image leaves this method: no audit row, no evidence
    audit.record(new AuditEvent(who.username(), AuditAction.EVIDENCE_VIEW, consentId, "evidence viewed: "
        + images.stream().map(i -> i.kind() + " " + i.evidenceId()).collect(Collectors.joining(", ")), 1, stated));
    return images;
  }

  private List<EvidenceImage> open(Analyst who, String consentId, List<EvidenceRef> refs, List<EvidenceRef> wanted,
      String stated) {
    List<EvidenceItem> items;
    try {
      items = vault.read(consentId, refs); // the object holds all of the consent's items, checked against all refs
    } catch (FileNotFoundException e) {
      throw failed(who, consentId, stated, "not in the evidence store", HttpStatus.NOT_FOUND, "evidence-not-stored",
          "The evidence store holds no evidence of this consent.");
    } catch (EvidenceIntegrityException e) {
      throw failed(who, consentId, stated, "evidence object damaged", HttpStatus.INTERNAL_SERVER_ERROR, "evidence-damaged",
          "The stored evidence of this consent does not open or does not match its digests.");
    } catch (IOException e) {
      throw failed(who, consentId, stated, "evidence store unavailable", HttpStatus.SERVICE_UNAVAILABLE,
          "evidence-unavailable", "The evidence store cannot be read now; try again later.");
    }
    List<EvidenceImage> images = new ArrayList<>();
    try {
      for (EvidenceRef ref : wanted) {
        EvidenceItem item = items.stream().filter(i -> i.ref().getEvidenceId().equals(ref.getEvidenceId())).findFirst()
            .orElseThrow();
        images.add(rendering.render(item, who.username(), "consent " + consentId));
      }
    } catch (IOException e) {
      throw failed(who, consentId, stated, "evidence cannot be shown", HttpStatus.INTERNAL_SERVER_ERROR,
          "evidence-unshowable", "The stored evidence of this consent cannot be shown as an image.");
    } finally {
      items.forEach(i -> Arrays.fill(i.data(), (byte) 0)); // the plaintext lives no longer than needed
    }
    return images;
  }

  private ProblemException failed(Analyst who, String consentId, String stated, String why, HttpStatus status,
      String type, String detail) {
    audit.record(new AuditEvent(who.username(), AuditAction.DENIED, consentId, WHAT + " failed: " + why, 0, stated));
    return ProblemException.of(status, type, "Evidence not shown", detail);
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private Map<String, Object> lookup(Analyst who, String consentId) {
    SearchResponse<Map> response = index.search(who, ConsentQueries.byId(consentId), null, s -> s.size(1));
    return response.hits().hits().stream().findFirst().map(h -> (Map<String, Object>) h.source()).orElse(null);
  }

  /** The evidence references as the index keeps them ({@code evidence[{kind, evidenceId, digest, mediaType, sizeBytes}]}). */
  @SuppressWarnings("unchecked")
  static List<EvidenceRef> references(Map<String, Object> doc) {
    List<Map<String, Object>> evidence = (List<Map<String, Object>>) doc.getOrDefault("evidence", List.of());
    return evidence.stream().map(e -> EvidenceRef.newBuilder()
        .setKind(EvidenceKind.valueOf((String) e.get("kind")))
        .setEvidenceId((String) e.get("evidenceId"))
        .setDigest((String) e.get("digest"))
        .setMediaType((String) e.get("mediaType"))
        .setSizeBytes(((Number) e.get("sizeBytes")).longValue())
        .build()).toList();
  }
}
