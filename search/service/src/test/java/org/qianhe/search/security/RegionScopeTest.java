package org.qianhe.search.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegionScopeTest {

  private final RegionScope zhengzhou = RegionScope.of(List.of("4101"));

  @Test
  void coversTheRegionCodesUnderItsPrefixes() {
    assertThat(zhengzhou.covers("410102")).isTrue();
    assertThat(zhengzhou.covers("410302")).isFalse();
    assertThat(RegionScope.of(List.of("4101", "4103")).covers("410302")).isTrue();
    assertThat(RegionScope.of(List.of("*")).covers("650102")).isTrue();
    assertThat(RegionScope.of(List.of()).covers("410102")).isFalse();
  }

  @Test
  void aRequestedPrefixOverlapsWhenItIsInsideOrAroundTheScope() {
    assertThat(zhengzhou.overlaps("410102")).isTrue();
    assertThat(zhengzhou.overlaps("41")).isTrue();
    assertThat(zhengzhou.overlaps("4103")).isFalse();
    assertThat(zhengzhou.overlaps("42")).isFalse();
  }

  @Test
  void refusesWhatIsNotARegionPrefix() {
    assertThatIllegalArgumentException().isThrownBy(() -> RegionScope.of(List.of("4")));
    assertThatIllegalArgumentException().isThrownBy(() -> RegionScope.of(List.of("4101020")));
    assertThatIllegalArgumentException().isThrownBy(() -> RegionScope.of(List.of("41a")));
    assertThatIllegalArgumentException().isThrownBy(() -> RegionScope.of(List.of("")));
  }
}
