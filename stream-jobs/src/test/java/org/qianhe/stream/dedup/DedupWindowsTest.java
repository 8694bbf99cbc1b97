package org.qianhe.stream.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.model.codes.Vaccine;

class DedupWindowsTest {

  private static Vaccine vaccine(String code) {
    return CodeLists.bundled().vaccines().find(code).orElseThrow();
  }

  @Test
  void theDefaultIsTheSameDayForEveryFamily() {
    DedupWindows windows = DedupWindows.parse("*=0 d");

    assertThat(CodeLists.bundled().vaccines().all()).allSatisfy(v -> assertThat(windows.days(v)).isZero());
    assertThat(windows).isEqualTo(DedupWindows.sameDay());
  }

  @Test
  void familiesOverrideTheDefault() {
    DedupWindows windows = DedupWindows.parse("*=1 d, MMR=7 d");

    assertThat(windows.days(vaccine("MMR"))).isEqualTo(7);
    assertThat(windows.days(vaccine("DTaP"))).isEqualTo(1);
    assertThat(DedupWindows.parse(windows.spec())).isEqualTo(windows);
  }

  @Test
  void schedulesWithDosesDaysApartAreCappedBelowTheirShortestGap() {
    DedupWindows windows = DedupWindows.parse("*=14 d,Rabies=10 d");

    assertThat(windows.days(vaccine("RabV"))).isEqualTo(2);   // doses 3 days apart
    assertThat(windows.days(vaccine("JE-I"))).isEqualTo(6);   // doses 1 and 2, 7 days apart
    assertThat(windows.days(vaccine("MMR"))).isEqualTo(14);   // 28 days apart: the configured window holds
    assertThat(windows.days(vaccine("BCG"))).isEqualTo(14);   // a single dose
  }

  @Test
  void windowsAreWholeDaysAndNamedOnce() {
    assertThatThrownBy(() -> DedupWindows.parse("*=12 h")).hasMessageContaining("whole number of days");
    assertThatThrownBy(() -> DedupWindows.parse("MMR=1 d,MMR=2 d")).hasMessageContaining("twice");
    assertThatThrownBy(() -> DedupWindows.parse("MMR")).hasMessageContaining("family=duration");
  }
}
