package org.qianhe.search.query;

import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Refuses, and audits as DENIED, a {@code region} parameter that lies wholly outside the
 * caller's scope. The scope filter in every query would answer it with nothing anyway; refusing
 * it openly tells the analyst why, and shows an auditor who went looking.
 */
@Component
public class ScopeGuard {

  private final AuditLog audit;

  ScopeGuard(AuditLog audit) {
    this.audit = audit;
  }

  public void check(Analyst who, TraceCriteria criteria) {
    if (criteria.region() != null && !who.scope().overlaps(criteria.region())) {
      audit.record(AuditEvent.denied(who.username(), null, "region outside scope: " + criteria.summary()));
      throw ProblemException.of(HttpStatus.FORBIDDEN, "region-out-of-scope", "Region outside your scope",
          "region: lies outside the regions your account may see");
    }
  }
}
