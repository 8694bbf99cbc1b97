package org.qianhe.search.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The REST API's answer to a request without valid credentials: 401 with an HTTP Basic
 * challenge, or 429 with {@code Retry-After} when the name or address is throttled.
 */
class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint {

  static final String REALM = "qianhe-search";

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    if (failure instanceof LoginThrottledException throttled) {
      response.setHeader("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
      ProblemWriter.write(response, 429, "login-throttled", "Too many failed logins",
          "Too many failed logins for this user or address; try again later.");
      return;
    }
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    ProblemWriter.write(response, 401, "unauthenticated", "Authentication required",
        "Send a user name and password with HTTP Basic authentication.");
  }
}
