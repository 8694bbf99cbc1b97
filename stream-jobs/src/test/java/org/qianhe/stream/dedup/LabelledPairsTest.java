package org.qianhe.stream.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sensitivity and specificity of semantic dedup on the labelled synthetic set. The set contains
 * errors the key cannot avoid (a paper copy dated a day later, an oral dose repeated the same day),
 * so neither rate is 1; the figures are printed and the stream benchmark reports them too.
 */
class LabelledPairsTest {

  private static final List<LabelledPairs.Pair> PAIRS = LabelledPairs.generate(2025, 40);

  @Test
  void theSetHasTrueDuplicatesAndNearMissesOfEveryKind() {
    assertThat(PAIRS).extracting(LabelledPairs.Pair::kind).containsAll(List.of(LabelledPairs.Kind.values()));
    assertThat(PAIRS).filteredOn(p -> p.kind().duplicate).hasSizeGreaterThan(200);
    assertThat(PAIRS).filteredOn(p -> !p.kind().duplicate).hasSizeGreaterThan(200);
    assertThat(PAIRS).allSatisfy(p -> assertThat(p.first().getConsentId()).isNotEqualTo(p.second().getConsentId()));
  }

  @Test
  void withTheSameDayWindowOnlyTheNextDayPaperCopyIsMissedAndOnlyTheRepeatedOralDoseMerged() throws Exception {
    DedupEvaluation.Score score = DedupEvaluation.evaluate(PAIRS, DedupWindows.sameDay());
    System.out.printf("semantic dedup, same-day window: %d pairs, sensitivity %.3f, specificity %.3f, errors %s%n",
        score.pairs(), score.sensitivity(), score.specificity(), score.errorsByKind());

    assertThat(score.errorsByKind()).containsOnlyKeys(
        LabelledPairs.Kind.PAPER_DATED_NEXT_DAY, LabelledPairs.Kind.OPV_REPEATED_SAME_DAY);
    assertThat(score.sensitivity()).isGreaterThan(0.8);
    assertThat(score.specificity()).isGreaterThan(0.98);
  }

  @Test
  void aOneDayWindowFindsTheNextDayCopyWithoutMergingTheRabiesSeries() throws Exception {
    DedupEvaluation.Score score = DedupEvaluation.evaluate(PAIRS, DedupWindows.parse("*=1 d"));

    assertThat(score.errorsByKind()).containsOnlyKeys(LabelledPairs.Kind.OPV_REPEATED_SAME_DAY);
    assertThat(score.sensitivity()).isEqualTo(1.0);
    assertThat(score.specificity()).isGreaterThan(0.98);
  }
}
