package org.qianhe.ingest.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.qianhe.ingest.keys.AdminToken;
import org.qianhe.ingest.system.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets only holders of the admin token ({@code Authorization: Bearer <token>}) reach
 * {@code /v1/admin/**}. A refusal is an ordinary problem answer (401), rendered like every other.
 * Terminals never hold this token: their uploads are authenticated by signatures instead.
 */
final class AdminAuthorization implements HandlerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(AdminAuthorization.class);
  private static final String BEARER = "Bearer ";

  private final AdminToken token;

  AdminAuthorization(AdminToken token) {
    this.token = token;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? header.substring(BEARER.length()).strip() : null;
    if (!token.matches(presented)) {
      log.warn("admin request refused: {} {} from {} without a valid token",
          request.getMethod(), request.getRequestURI(), request.getRemoteAddr());
      throw ProblemException.of(HttpStatus.UNAUTHORIZED, "admin-unauthorized", "Not authorised",
              "The administration endpoint needs the admin token as 'Authorization: Bearer <token>'.")
          .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"qianhe-ingest-admin\"");
    }
    return true;
  }
}
