package org.qianhe.search.consent;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.qianhe.model.SealedIdentity;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.search.people.PeopleKeys;
import org.qianhe.search.query.ConsentQueries;
import org.qianhe.search.query.ScopedIndex;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One consent: its masked detail (VIEW), and its people in clear for a trace officer who states
 * a reason (UNMASK). Both are looked up inside the caller's region scope, so a consent of
 * another region is "not found", exactly like one that does not exist. Every answer and every
 * refusal is audited before it is given.
 */
@Service
public class ConsentDetails {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ScopedIndex index;
  private final PeopleKeys keys;
  private final AuditLog audit;
  private final RevealRules rules;

  ConsentDetails(ScopedIndex index, PeopleKeys keys, AuditLog audit, RevealRules rules) {
    this.index = index;
    this.keys = keys;
    this.audit = audit;
    this.rules = rules;
  }

  public Map<String, Object> view(Analyst who, String consentId) {
    RevealRules.requireValidId(consentId);
    Optional<Map<String, Object>> doc = lookup(index.search(who, ConsentQueries.byId(consentId), null, s -> s.size(1)));
    audit.record(new AuditEvent(who.username(), AuditAction.VIEW, consentId, "consent detail", doc.isPresent() ? 1 : 0,
        null));
    return doc.orElseThrow(RevealRules::notFound);
  }

  public Identity unmask(Analyst who, String consentId, String reason) {
    String stated = rules.requireReason(who, consentId, reason, "unmask");
    @SuppressWarnings("rawtypes")
    Optional<Hit<Map>> hit = index.searchWithSealedIdentity(who, ConsentQueries.byId(consentId), s -> s.size(1))
        .hits().hits().stream().findFirst();
    if (hit.isEmpty()) {
      audit.record(AuditEvent.denied(who.username(), consentId, "unmask refused: no such consent in scope"));
      throw RevealRules.notFound();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> sealed = ConsentDocuments.sealedIdentity(hit.get().source(), hit.get().fields());
    Identity identity = open(sealed, consentId, who);
    // recorded before the identity leaves this method: no audit row, no identity
    audit.record(new AuditEvent(who.username(), AuditAction.UNMASK, consentId, "identity revealed", 1, stated));
    return identity;
  }

  private Identity open(Map<String, Object> sealed, String consentId, Analyst who) {
    if (sealed == null) {
      audit.record(AuditEvent.denied(who.username(), consentId, "unmask refused: consent indexed without its sealed identity"));
      throw ProblemException.of(HttpStatus.CONFLICT, "identity-not-indexed", "Identity not available",
          "This consent was indexed without its sealed identity; it must be re-indexed first.");
    }
    String keyId = (String) sealed.get("keyId");
    IdentitySealer sealer = keys.sealer(keyId).orElseThrow(() -> {
      audit.record(AuditEvent.denied(who.username(), consentId, "unmask refused: sealing key unavailable"));
      return ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "keys-unavailable", "Keys unavailable",
          "The key this identity was sealed with is not available to this service.");
    });
    SealedIdentity sealedIdentity = SealedIdentity.newBuilder().setKeyId(keyId)
        .setAlgorithm((String) sealed.get("algorithm"))
        .setCiphertext(ByteBuffer.wrap(Base64.getDecoder().decode((String) sealed.get("ciphertext")))).build();
    JsonNode people = JSON.readTree(sealer.open(sealedIdentity, consentId));
    JsonNode c = people.path("child");
    JsonNode g = people.path("guardian");
    return new Identity(
        new Identity.Person(c.path("name").asString(), c.path("idNumber").asString(), c.path("birthDate").asString(),
            c.path("sex").asString()),
        new Identity.Guardian(g.path("name").asString(), g.path("idNumber").asString(), g.path("phone").asString(),
            g.path("relation").asString()));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Optional<Map<String, Object>> lookup(SearchResponse<Map> response) {
    return response.hits().hits().stream().findFirst().map(h -> (Map<String, Object>) h.source());
  }
}
