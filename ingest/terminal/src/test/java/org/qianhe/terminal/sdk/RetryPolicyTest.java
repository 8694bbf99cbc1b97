package org.qianhe.terminal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2));

  @Test
  void waitsGrowExponentiallyWithJitterUpToTheMaximum() {
    for (int i = 0; i < 50; i++) {
      assertThat(policy.delay(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(policy.delay(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(policy.delay(30, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }

  @Test
  void neverSoonerThanTheServicesRetryAfter() {
    assertThat(policy.delay(1, 7L)).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void nonsenseBoundsAreRefused() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
