package org.qianhe.terminal.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.model.validation.ConsentValidator;
import org.junit.jupiter.api.Test;

class ConsentGeneratorTest {

  private static final Instant NOW = Instant.parse("2026-11-28T04:00:00Z");
  private final ConsentValidator validator = new ConsentValidator(Duration.ofMinutes(5));

  @Test
  void theSameSeedGivesTheSameConsents() {
    assertThat(new ConsentGenerator(7, NOW).next()).isEqualTo(new ConsentGenerator(7, NOW).next());
    assertThat(new ConsentGenerator(7, NOW).next()).isNotEqualTo(new ConsentGenerator(8, NOW).next());
  }

  @Test
  void consentsGeneratedForAnotherMomentHaveOtherIds() {
    // they have other occurredAt values: the same id would be the same consent with other content
    ConsentUpload now = new ConsentGenerator(7, NOW).next();
    ConsentUpload later = new ConsentGenerator(7, NOW.plusSeconds(1)).next();

    assertThat(later.getConsentId()).isNotEqualTo(now.getConsentId());
    assertThat(later.getVaccination()).as("the rest as the seed says").isEqualTo(now.getVaccination());
  }

  @Test
  void generatedConsentsPassEveryFormatAndRuleCheck() {
    ConsentGenerator generator = new ConsentGenerator(1, NOW);
    byte[] key = new byte[32];
    PeopleProtector protector = new PeopleProtector(new BlindIndex(key), new IdentitySealer("k", key));

    List<ConsentUpload> uploads = IntStream.range(0, 500).mapToObj(i -> generator.next()).toList();

    assertThat(uploads).allSatisfy(upload -> {
      assertThat(validator.checkUpload(upload)).isEmpty();
      ConsentRecord record = ConsentRecords.fromUpload(upload, NOW, protector);
      assertThat(validator.checkRecord(record)).isEmpty();
      assertThat(upload.getRegionCode()).startsWith("41");
      assertThat(upload.getSiteCode()).startsWith(upload.getRegionCode());
    });
    assertThat(uploads).extracting(ConsentUpload::getConsentId).doesNotHaveDuplicates();
  }

  @Test
  void citizenIdsCarryTheStandardCheckCharacter() {
    // The worked example of GB 11643-1999.
    assertThat(CitizenIds.checkCharacter("11010519491231002")).isEqualTo('X');
    assertThat(CitizenIds.of("410105", LocalDate.parse("2025-03-01"), 123)).isEqualTo("410105202503011230".substring(0, 17)
        + CitizenIds.checkCharacter("41010520250301123"));
  }
}
