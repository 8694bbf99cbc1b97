package org.qianhe.paper.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qianhe.paper.form.FieldKind;

class TextNormaliserTest {

  @Test
  void chineseTextLosesTheSpacesOcrPutsBetweenCharacters() {
    assertThat(TextNormaliser.normalise(" 梁 一 诺 ", FieldKind.TEXT)).isEqualTo("梁一诺");
    assertThat(TextNormaliser.normalise("冻干人用狂犬病疫苗(Vero细胞)", FieldKind.TEXT)).isEqualTo("冻干人用狂犬病疫苗（Vero细胞）");
  }

  @Test
  void datesGetTheirDashesAndLoseStrayOnes() {
    assertThat(TextNormaliser.normalise("20240506", FieldKind.DATE)).isEqualTo("2024-05-06");
    assertThat(TextNormaliser.normalise("2024—05–06-", FieldKind.DATE)).isEqualTo("2024-05-06");
  }

  @Test
  void codesFoldFullWidthCharactersAndKeepTheirCase() {
    assertThat(TextNormaliser.normalise("ｂＯＰＶ", FieldKind.CODE)).isEqualTo("bOPV");
    assertThat(TextNormaliser.normalise("-MPSV-AC-", FieldKind.CODE)).isEqualTo("MPSV-AC");
  }
}
