package org.qianhe.paper.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.qianhe.model.codes.CodeLists;

class VocabularyTest {

  private final Vocabulary vocabulary = new Vocabulary(Map.of("sites",
      List.of("上臂三角肌", "上臂三角肌外下缘", "左上臂三角肌", "口服", "大腿前外侧")));

  @Test
  void anExactReadMatchesWithDistanceZero() {
    assertThat(vocabulary.match("sites", "上臂三角肌")).contains(new Vocabulary.Match("上臂三角肌", 0));
  }

  @Test
  void aReadWithAFewWrongCharactersFindsTheOnlyNearEntry() {
    assertThat(vocabulary.match("sites", "大腿前外全")).contains(new Vocabulary.Match("大腿前外侧", 1));
    assertThat(vocabulary.match("sites", "上和臂三角肌外下绿")).contains(new Vocabulary.Match("上臂三角肌外下缘", 2));
  }

  @Test
  void aReadNearTwoEntriesMatchesNoneRatherThanGuess() {
    // one edit from 上臂三角肌 and from 左上臂三角肌: which was printed cannot be told
    assertThat(vocabulary.match("sites", "右上臂三角肌")).isEmpty();
  }

  @Test
  void aReadFarFromEveryEntryMatchesNone() {
    assertThat(vocabulary.match("sites", "和")).isEmpty();
    assertThat(vocabulary.match("sites", "口")).contains(new Vocabulary.Match("口服", 1));
    assertThat(vocabulary.match("sites", "肌肉注射")).isEmpty();
  }

  @Test
  void theBundledListsHoldTheModelsVaccineNamesAndTheGeneratorsValues() {
    Vocabulary bundled = Vocabulary.bundled(CodeLists.bundled());

    assertThat(bundled.entries("vaccineNames")).contains("乙型肝炎疫苗", "A群C群脑膜炎球菌多糖疫苗");
    assertThat(bundled.entries("manufacturers")).contains("深圳康泰生物制品股份有限公司", "玉溪沃森生物技术有限公司");
    assertThat(bundled.entries("bodySites")).contains("上臂三角肌外下缘", "口服");
  }

  @Test
  void distanceCountsCharactersNotBytes() {
    assertThat(Vocabulary.distance("卡介苗", "卡介百")).isEqualTo(1);
    assertThat(Vocabulary.distance("", "口服")).isEqualTo(2);
  }
}
