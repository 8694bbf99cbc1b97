package org.qianhe.search.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.search.TestConsents;
import org.qianhe.search.TestKeys;

class CitizenIdsTest {

  @Test
  void normalisesSpacesAndALowerCaseCheckCharacter() {
    assertThat(CitizenIds.normalise(" 410102 19900307 102x ")).hasValue("41010219900307102X");
  }

  @Test
  void refusesAWrongCheckCharacterOrShape() {
    assertThat(CitizenIds.normalise("41010219900307102Y")).isEmpty();
    assertThat(CitizenIds.normalise("410102199003071021")).isEmpty();
    assertThat(CitizenIds.normalise("4101021990030710")).isEmpty();
    assertThat(CitizenIds.normalise(null)).isEmpty();
  }

  /** The key computed here from what an analyst types is the key ingest stored. */
  @Test
  void everyGeneratedIdIsValidAndGivesTheKeyIngestStored() {
    BlindIndex index = TestKeys.blindIndex();
    TestConsents consents = TestConsents.generate();
    for (int i = 0; i < 50; i++) {
      String id = consents.uploads().get(i).getChild().getIdNumber();
      String typed = id.substring(0, 6) + " " + id.substring(6).toLowerCase();
      assertThat(CitizenIds.normalise(typed).map(index::of)).hasValue(consents.records().get(i).getChild().getKey());
    }
  }
}
