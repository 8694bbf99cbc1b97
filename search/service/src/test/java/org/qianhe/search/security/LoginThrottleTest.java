package org.qianhe.search.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qianhe.search.MutableClock;
import org.qianhe.search.TestProperties;

class LoginThrottleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T08:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(TestProperties.of(Map.of(
      "qianhe.search.security.max-login-failures", "3",
      "qianhe.search.security.max-address-failures", "5",
      "qianhe.search.security.login-failure-window", "10m")), clock);

  @Test
  void aNameIsThrottledAfterItsFailuresUntilTheWindowHasPassed() {
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.throttled("alice", "10.0.0." + i)).isEmpty();
      throttle.failed("alice", "10.0.0." + i);
    }

    assertThat(throttle.throttled("alice", "10.0.0.9")).hasValue(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(4));
    assertThat(throttle.throttled("alice", "10.0.0.9")).hasValue(Duration.ofMinutes(6));
    assertThat(throttle.throttled("bob", "10.0.0.9")).isEmpty();
    clock.advance(Duration.ofMinutes(6));
    assertThat(throttle.throttled("alice", "10.0.0.9")).isEmpty();
  }

  @Test
  void anAddressIsThrottledAfterTryingManyNames() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("name" + i, "10.0.0.7");
    }

    assertThat(throttle.throttled("someone-else", "10.0.0.7")).isPresent();
    assertThat(throttle.throttled("someone-else", "10.0.0.8")).isEmpty();
  }

  @Test
  void aCorrectPasswordClearsTheNameButNotTheAddress() {
    throttle.failed("alice", "10.0.0.1");
    throttle.failed("alice", "10.0.0.1");
    throttle.succeeded("alice");
    throttle.failed("alice", "10.0.0.1");
    throttle.failed("alice", "10.0.0.1");

    assertThat(throttle.throttled("alice", "10.0.0.2")).isEmpty();
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.throttled("carol", "10.0.0.1")).isPresent();
  }

  @Test
  void failuresOlderThanTheWindowStartANewCount() {
    throttle.failed("alice", "a");
    throttle.failed("alice", "b");
    clock.advance(Duration.ofMinutes(11));
    throttle.failed("alice", "c");

    assertThat(throttle.throttled("alice", "d")).isEmpty();
  }
}
