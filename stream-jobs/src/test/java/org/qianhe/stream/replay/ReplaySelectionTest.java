package org.qianhe.stream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplaySelectionTest {

  @Test
  void selectsByReasonCodeAndConsentId() {
    ReplaySelection lotOrIndex = new ReplaySelection(Set.of("LOT_EXPIRED", "INDEX_REFUSED"), Set.of());

    assertThat(lotOrIndex.matches("a", "LOT_EXPIRED")).isTrue();
    assertThat(lotOrIndex.matches("a", "REGION_CODE_UNKNOWN, LOT_EXPIRED")).isTrue();
    assertThat(lotOrIndex.matches("a", "REGION_CODE_UNKNOWN")).isFalse();
    assertThat(lotOrIndex.matches("a", null)).isFalse();
    assertThat(new ReplaySelection(Set.of(), Set.of("b")).matches("b", "UNDECODABLE")).isTrue();
    assertThat(new ReplaySelection(Set.of(), Set.of("b")).matches("a", "UNDECODABLE")).isFalse();
    assertThat(ReplaySelection.all().matches(null, null)).isTrue();
  }

  @Test
  void theCommandNeedsAGroupAndSaysWhy() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ReplayCommand()).setErr(new PrintWriter(err));

    int exit = command.execute("--reason", "LOT_EXPIRED");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--group");
    StringWriter out = new StringWriter();
    new CommandLine(new ReplayCommand()).setOut(new PrintWriter(out)).execute("--help");
    assertThat(out.toString()).contains("--dry-run", "--consent-id", "once per replay group");
  }
}
