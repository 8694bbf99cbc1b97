package org.qianhe.search.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.qianhe.search.MutableClock;
import org.qianhe.search.TestProperties;

class VerifiedCredentialsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-15T08:00:00Z"));
  private final VerifiedCredentials cache = new VerifiedCredentials(TestProperties.of(Map.of(
      "qianhe.search.security.credential-cache-ttl", "2m")), clock);
  private final Analyst alice = new Analyst("alice", "Alice", Set.of(Role.ANALYST), RegionScope.of(List.of("4101")));

  @Test
  void remembersOnlyTheExactPasswordForItsTimeToLive() {
    cache.remember("alice", "correct horse", alice);

    assertThat(cache.match("alice", "correct horse")).hasValue(alice);
    assertThat(cache.match("alice", "correct horsf")).isEmpty();
    assertThat(cache.match("bob", "correct horse")).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(cache.match("alice", "correct horse")).isEmpty();
  }

  @Test
  void forgettingAnAccountSendsItBackToTheDatabase() {
    cache.remember("alice", "correct horse", alice);

    cache.forget("alice");

    assertThat(cache.match("alice", "correct horse")).isEmpty();
  }

  @Test
  void aZeroTimeToLiveRemembersNothing() {
    VerifiedCredentials off = new VerifiedCredentials(TestProperties.of(Map.of(
        "qianhe.search.security.credential-cache-ttl", "0s")), clock);

    off.remember("alice", "correct horse", alice);

    assertThat(off.match("alice", "correct horse")).isEmpty();
  }
}
