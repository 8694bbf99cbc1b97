package org.qianhe.batch.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.qianhe.batch.StagingFixture;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Source;
import org.junit.jupiter.api.Test;

class RecordChecksTest {

  private final ConsentRecord record = new StagingFixture(5).records("410105", LocalDate.of(2026, 11, 20), 1).get(0);

  @Test
  void aRecordAsIngestWritesItPasses() {
    assertThat(RecordChecks.unprotectedField(StagingFixture.generic(record))).isNull();
  }

  @Test
  void aPaperRecordWithoutGuardianIdPasses() {
    record.setSource(Source.PAPER_SCAN);
    record.getGuardian().setKey("");
    record.getGuardian().setIdMasked("");

    assertThat(RecordChecks.unprotectedField(StagingFixture.generic(record))).isNull();
  }

  @Test
  void aTerminalRecordWithoutGuardianKeyFails() {
    record.getGuardian().setKey("");

    assertThat(RecordChecks.unprotectedField(StagingFixture.generic(record))).isEqualTo("guardian.key");
  }

  @Test
  void aRawIdentifierWhereAKeyBelongsFailsWhateverTheSource() {
    record.setSource(Source.PAPER_SCAN);
    record.getGuardian().setKey("410105198001011234");

    assertThat(RecordChecks.unprotectedField(StagingFixture.generic(record))).isEqualTo("guardian.key");
  }

  @Test
  void anUnmaskedNameFails() {
    record.getChild().setNameMasked("梁小明");

    assertThat(RecordChecks.unprotectedField(StagingFixture.generic(record))).isEqualTo("child.nameMasked");
  }
}
