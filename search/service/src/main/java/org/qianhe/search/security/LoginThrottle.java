package org.qianhe.search.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.qianhe.search.system.SearchProperties;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code max-login-failures} failed logins of one user name,
 * or {@code max-address-failures} from one client address, within {@code login-failure-window},
 * further attempts are refused without looking at the password until the window has passed. Counting names stops guessing
 * one account from many addresses; counting addresses stops trying many names from one place.
 *
 * <p>The price is that anyone can hold an account off for one window by failing on purpose;
 * that is bounded, audited, and cheaper than a stolen account. Counts live in this process'
 * memory (a restart forgets them) and are pruned as they expire.
 */
@Component
class LoginThrottle {

  private static final int PRUNE_ABOVE = 10_000;

  private record Failures(int count, Instant first) {}

  private final int maxNameFailures;
  private final int maxAddressFailures;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

  LoginThrottle(SearchProperties properties, Clock clock) {
    this.maxNameFailures = properties.security().maxLoginFailures();
    this.maxAddressFailures = properties.security().maxAddressFailures();
    this.window = properties.security().loginFailureWindow();
    this.clock = clock;
  }

  /** How long to wait before trying again, when this name or address has failed too often. */
  Optional<Duration> throttled(String username, String address) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    String[] keys = {nameKey(username), addressKey(address)};
    int[] limits = {maxNameFailures, maxAddressFailures};
    for (int i = 0; i < keys.length; i++) {
      Failures f = failures.get(keys[i]);
      if (f != null && f.count() >= limits[i]) {
        Duration left = Duration.between(now, f.first().plus(window));
        if (left.compareTo(wait) > 0) {
          wait = left;
        }
      }
    }
    return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
  }

  void failed(String username, String address) {
    Instant now = clock.instant();
    for (String key : new String[] {nameKey(username), addressKey(address)}) {
      failures.merge(key, new Failures(1, now), (old, one) ->
          expired(old, now) ? one : new Failures(old.count() + 1, old.first()));
    }
    if (failures.size() > PRUNE_ABOVE) {
      failures.values().removeIf(f -> expired(f, now));
    }
  }

  /** A correct password clears the name's count (not the address': it may have tried other names). */
  void succeeded(String username) {
    failures.remove(nameKey(username));
  }

  private boolean expired(Failures f, Instant now) {
    return !now.isBefore(f.first().plus(window));
  }

  private static String nameKey(String username) {
    return "u:" + username;
  }

  private static String addressKey(String address) {
    return "a:" + (address == null ? "" : address);
  }
}
