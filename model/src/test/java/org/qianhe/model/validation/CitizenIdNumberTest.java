package org.qianhe.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitizenIdNumberTest {

  @Test
  void theWorkedExampleOfTheStandard() {
    assertThat(CitizenIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
    assertThat(CitizenIdNumber.hasValidCheckCharacter("11010519491231002X")).isTrue();
  }

  @Test
  void aChangedDigitOrCheckCharacterIsCaught() {
    assertThat(CitizenIdNumber.hasValidCheckCharacter("410105202503011238")).isTrue();
    assertThat(CitizenIdNumber.hasValidCheckCharacter("410105202503011239")).isFalse();
    assertThat(CitizenIdNumber.hasValidCheckCharacter("410105202503011338")).isFalse();
    // transposed neighbours
    assertThat(CitizenIdNumber.hasValidCheckCharacter("410105202530011238")).isFalse();
  }

  @Test
  void malformedNumbersAreNotValid() {
    assertThat(CitizenIdNumber.hasValidCheckCharacter(null)).isFalse();
    assertThat(CitizenIdNumber.hasValidCheckCharacter("4101052025")).isFalse();
    assertThat(CitizenIdNumber.hasValidCheckCharacter("11010519491231002x")).isFalse();
    assertThat(CitizenIdNumber.hasValidCheckCharacter("1101051949123100AX")).isFalse();
  }
}
