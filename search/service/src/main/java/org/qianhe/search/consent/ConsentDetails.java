package org.qianhe.search.consent;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
import org.qianhe.search.security.Role;
import org.qianhe.search.system.ProblemException;
import org.qianhe.search.system.SearchProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
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

  private static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ScopedIndex index;
  private final PeopleKeys keys;
  private final AuditLog audit;
  private final int minReasonLength;

  ConsentDetails(ScopedIndex index, PeopleKeys keys, AuditLog audit, SearchProperties properties) {
    this.index = index;
    this.keys = keys;
    this.audit = audit;
    this.minReasonLength = properties.unmask().minReasonLength();
  }

  public Map<String, Object> view(Analyst who, String consentId) {
    requireValidId(consentId);
    Optional<Map<String, Object>> doc = lookup(index.search(who, ConsentQueries.byId(consentId), null, s -> s.size(1)));
    audit.record(new AuditEvent(who.username(), AuditAction.VIEW, consentId, "consent detail", doc.isPresent() ? 1 : 0,
        null));
    return doc.orElseThrow(ConsentDetails::notFound);
  }

  public Identity unmask(Analyst who, String consentId, String reason) {
    requireValidId(consentId);
    if (!who.has(Role.TRACE_OFFICER)) {
      audit.record(AuditEvent.denied(who.username(), consentId, "unmask refused: not a trace officer"));
      throw new AccessDeniedException("only a trace officer may unmask");
    }
    String stated = reason == null ? "" : reason.strip();
    if (stated.codePointCount(0, stated.length()) < minReasonLength) {
      audit.record(AuditEvent.denied(who.username(), consentId, "unmask refused: no reason stated"));
      throw ProblemException.badParameter("reason", "state why the identity is needed (at least "
          + minReasonLength + " characters)");
    }
    Optional<Map<String, Object>> doc = lookup(index.searchWithSealedIdentity(who, ConsentQueries.byId(consentId),
        s -> s.size(1)));
    if (doc.isEmpty()) {
      audit.record(AuditEvent.denied(who.username(), consentId, "unmask refused: no such consent in scope"));
      throw notFound();
    }
    Identity identity = open(doc.get(), consentId, who);
    // recorded before the identity leaves this method: no audit row, no identity
    audit.record(new AuditEvent(who.username(), AuditAction.UNMASK, consentId, "identity revealed", 1, stated));
    return identity;
  }

  @SuppressWarnings("unchecked")
  private Identity open(Map<String, Object> doc, String consentId, Analyst who) {
    Object sealedField = doc.get(ConsentDocuments.SEALED_IDENTITY);
    if (!(sealedField instanceof Map<?, ?> sealed)) {
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

  private static void requireValidId(String consentId) {
    if (consentId == null || !CONSENT_ID.matcher(consentId).matches()) {
      throw ProblemException.badParameter("consentId", "must be a consent id (letters, digits and '-')");
    }
  }

  private static ProblemException notFound() {
    return ProblemException.of(HttpStatus.NOT_FOUND, "consent-not-found", "Consent not found",
        "No consent with this id exists within the regions your account may see.");
  }
}
