package org.qianhe.search.consent;

import java.util.regex.Pattern;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.security.Role;
import org.qianhe.search.system.ProblemException;
import org.qianhe.search.system.SearchProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may see what a masked consent hides — its people in clear (unmask), its photo, fingerprint
 * and scans (evidence view): a trace officer who states a reason. Shared by both so that they
 * refuse alike, and every refusal is audited before it is thrown.
 */
@Component
public class RevealRules {

  private static final Pattern CONSENT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final AuditLog audit;
  private final int minReasonLength;

  RevealRules(AuditLog audit, SearchProperties properties) {
    this.audit = audit;
    this.minReasonLength = properties.unmask().minReasonLength();
  }

  /**
   * The stated reason, stripped, when {@code who} may reveal {@code what} of the consent; otherwise
   * the refusal is audited ("{@code what} refused: ...") and thrown: 403 for a caller who is not a
   * trace officer, 400 (parameter {@code reason}) for a missing or too short reason.
   */
  public String requireReason(Analyst who, String consentId, String reason, String what) {
    requireValidId(consentId);
    if (!who.has(Role.TRACE_OFFICER)) {
      audit.record(AuditEvent.denied(who.username(), consentId, what + " refused: not a trace officer"));
      throw new AccessDeniedException("only a trace officer may see this");
    }
    String stated = reason == null ? "" : reason.strip();
    if (stated.codePointCount(0, stated.length()) < minReasonLength) {
      audit.record(AuditEvent.denied(who.username(), consentId, what + " refused: no reason stated"));
      throw ProblemException.badParameter("reason", "state why this is needed (at least " + minReasonLength
          + " characters)");
    }
    return stated;
  }

  /** 400 unless the id looks like a consent id (so that it can be audited and queried as it is). */
  public static void requireValidId(String consentId) {
    if (consentId == null || !CONSENT_ID.matcher(consentId).matches()) {
      throw ProblemException.badParameter("consentId", "must be a consent id (letters, digits and '-')");
    }
  }

  /** 404, the same for a consent that does not exist and one outside the caller's regions. */
  public static ProblemException notFound() {
    return ProblemException.of(HttpStatus.NOT_FOUND, "consent-not-found", "Consent not found",
        "No consent with this id exists within the regions your account may see.");
  }
}
