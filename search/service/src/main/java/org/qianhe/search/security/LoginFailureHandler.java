package org.qianhe.search.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** The login form again, saying whether the password was wrong or the login is throttled (never which name exists). */
class LoginFailureHandler implements AuthenticationFailureHandler {

  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException failure) throws IOException {
    String reason = failure instanceof LoginThrottledException ? "throttled" : "failed";
    response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
  }
}
