package org.qianhe.model.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class RedactedErrorsTest {

  @Test
  void namesTheCauseChainAndWhereItFailedButNoMessage() {
    IOException cause = new IOException("cannot parse 410105201801011234 for 梁小明");
    UncheckedIOException error = new UncheckedIOException("wrapping 梁小明", cause);

    String described = RedactedErrors.describe(error);

    assertThat(described)
        .startsWith("java.io.UncheckedIOException <- java.io.IOException at ")
        .contains("RedactedErrorsTest")
        .doesNotContain("梁小明", "410105201801011234", "cannot parse");
  }

  @Test
  void stopsAtACycleFreeLimitOfCauses() {
    Throwable chain = new IllegalStateException("secret");
    for (int i = 0; i < 20; i++) {
      chain = new RuntimeException("secret " + i, chain);
    }
    assertThat(RedactedErrors.describe(chain).split(" <- ")).hasSize(8);
  }
}
