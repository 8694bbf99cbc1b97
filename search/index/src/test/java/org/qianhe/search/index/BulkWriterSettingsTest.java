package org.qianhe.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BulkWriterSettingsTest {

  @Test
  void defaultsWriteToTheConsentsAlias() {
    BulkWriterSettings defaults = BulkWriterSettings.defaults();

    assertThat(defaults.alias()).isEqualTo(ConsentIndexClient.ALIAS);
    assertThat(defaults.maxActions()).isEqualTo(1000);
    assertThat(defaults.maxRetries()).isPositive();
  }

  @Test
  void backOffDoublesPerRetryUpToSixtyFourTimesTheFirst() {
    BulkWriterSettings settings = BulkWriterSettings.defaults().withRetries(10, Duration.ofMillis(100));

    assertThat(settings.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.backoff(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(settings.backoff(7)).isEqualTo(Duration.ofMillis(6400));
    assertThat(settings.backoff(10)).isEqualTo(Duration.ofMillis(6400));
  }

  @Test
  void refusesSettingsThatCannotWork() {
    BulkWriterSettings d = BulkWriterSettings.defaults();
    assertThatIllegalArgumentException().isThrownBy(() -> d.withAlias(" ")).withMessageContaining("alias");
    assertThatIllegalArgumentException().isThrownBy(() -> d.withMaxActions(0)).withMessageContaining("maxActions");
    assertThatIllegalArgumentException().isThrownBy(() -> d.withRetries(-1, Duration.ofMillis(1)))
        .withMessageContaining("maxRetries");
    assertThatIllegalArgumentException().isThrownBy(() -> d.withRetries(1, Duration.ZERO))
        .withMessageContaining("initialBackoff");
    assertThatIllegalArgumentException().isThrownBy(() -> new BulkWriterSettings("consents", 1, 1,
        Duration.ZERO, 0, 0, Duration.ofMillis(1))).withMessageContaining("maxConcurrentRequests");
  }
}
