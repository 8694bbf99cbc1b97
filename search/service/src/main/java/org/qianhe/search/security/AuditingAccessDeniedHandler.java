package org.qianhe.search.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.audit.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A signed-in account asked for something its roles do not allow (an analyst unmasking, a
 * reader opening the admin pages, a missing CSRF token): audited as DENIED with the method and
 * path (never the query string), then 403 — problem JSON for the API, the error page for the UI.
 */
class AuditingAccessDeniedHandler implements AccessDeniedHandler {

  private static final Logger log = LoggerFactory.getLogger(AuditingAccessDeniedHandler.class);

  private final AuditLog audit;
  private final boolean api;

  AuditingAccessDeniedHandler(AuditLog audit, boolean api) {
    this.audit = audit;
    this.api = api;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    String username = who != null && who.getPrincipal() instanceof Analyst a ? a.username() : AuditEvent.UNKNOWN_USER;
    try {
      audit.record(AuditEvent.denied(username, null, "forbidden: " + request.getMethod() + " " + request.getRequestURI()));
    } catch (AuditUnavailableException e) {
      log.warn("refused request not audited: {}", e.getMessage());
    }
    if (api) {
      ProblemWriter.write(response, 403, "forbidden", "Forbidden", "Your roles do not allow this request.");
    } else {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
  }
}
