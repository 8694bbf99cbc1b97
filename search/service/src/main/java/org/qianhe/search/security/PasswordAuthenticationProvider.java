package org.qianhe.search.security;

import java.time.Duration;
import java.util.Optional;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.audit.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password for the login form and for HTTP Basic alike: throttling
 * first (a throttled name or address is refused without looking at the password), then the
 * {@link VerifiedCredentials} cache, then the Argon2id hash in the database. Every refusal is
 * audited as DENIED before it is answered.
 *
 * <p>An unknown name costs the same Argon2id work as a known one, so the answer time does not
 * tell which names exist.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

  private static final Logger log = LoggerFactory.getLogger(PasswordAuthenticationProvider.class);
  /** Longer passwords are refused outright: nobody types them, and hashing them costs the server. */
  private static final int MAX_PASSWORD_CHARS = 1000;

  private final UserAccounts accounts;
  private final PasswordEncoder encoder;
  private final LoginThrottle throttle;
  private final VerifiedCredentials verified;
  private final AuditLog audit;
  private final String unknownUserHash;

  PasswordAuthenticationProvider(UserAccounts accounts, PasswordEncoder encoder, LoginThrottle throttle,
      VerifiedCredentials verified, AuditLog audit) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.throttle = throttle;
    this.verified = verified;
    this.audit = audit;
    this.unknownUserHash = encoder.encode("no account has this password " + System.nanoTime());
  }

  @Override
  public Authentication authenticate(Authentication request) throws AuthenticationException {
    String username = request.getName() == null ? "" : request.getName().strip();
    String password = request.getCredentials() == null ? "" : request.getCredentials().toString();
    String address = request.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;

    Optional<Duration> wait = throttle.throttled(username, address);
    if (wait.isPresent()) {
      refused(username, "login refused: too many failed attempts");
      throw new LoginThrottledException(wait.get());
    }
    Optional<Analyst> cached = verified.match(username, password);
    if (cached.isPresent()) {
      return authenticated(cached.get(), request);
    }
    Optional<Account> account = UserAccounts.isValidUsername(username) && password.length() <= MAX_PASSWORD_CHARS
        ? accounts.find(username) : Optional.empty();
    boolean matches = encoder.matches(password, account.map(Account::passwordHash).orElse(unknownUserHash));
    if (account.isEmpty() || !matches) {
      throttle.failed(username, address);
      refused(account.isPresent() ? username : AuditEvent.UNKNOWN_USER, "login refused: wrong user name or password");
      throw new BadCredentialsException("wrong user name or password");
    }
    if (!account.get().enabled()) {
      refused(username, "login refused: account disabled");
      throw new DisabledException("account disabled");
    }
    throttle.succeeded(username);
    Analyst analyst = account.get().analyst();
    verified.remember(username, password, analyst);
    return authenticated(analyst, request);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  private static Authentication authenticated(Analyst analyst, Authentication request) {
    UsernamePasswordAuthenticationToken token =
        UsernamePasswordAuthenticationToken.authenticated(analyst, null, analyst.authorities());
    token.setDetails(request.getDetails());
    return token;
  }

  /** The refusal stands whether or not it could be audited; a failed audit write is logged. */
  private void refused(String username, String summary) {
    try {
      audit.record(AuditEvent.denied(username, null, summary));
    } catch (AuditUnavailableException e) {
      log.warn("refused login not audited: {}", e.getMessage());
    }
  }
}
