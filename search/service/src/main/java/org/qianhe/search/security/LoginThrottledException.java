package org.qianhe.search.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Refused without checking the password: too many failures of this name or address lately. */
class LoginThrottledException extends AuthenticationException {

  private final transient Duration retryAfter;

  LoginThrottledException(Duration retryAfter) {
    super("too many failed logins; try again later");
    this.retryAfter = retryAfter;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}
