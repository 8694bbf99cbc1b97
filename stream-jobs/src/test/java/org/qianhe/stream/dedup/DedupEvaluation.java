package org.qianhe.stream.dedup;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.IndexAction;

/**
 * Runs a labelled set through the semantic dedup operator and scores it: a true duplicate is found
 * when one record of the pair is linked to the other (sent to duplicates, or re-issued with
 * {@code duplicateOf} when a terminal record superseded a paper one); a near-miss is a false
 * positive when either record is linked to the other.
 */
public final class DedupEvaluation {

  /** Counts and the two rates; {@code missedKinds} and {@code falseKinds} say where the errors are. */
  public record Score(int truePositives, int falseNegatives, int trueNegatives, int falsePositives,
      Map<LabelledPairs.Kind, Integer> errorsByKind) {

    public double sensitivity() {
      return truePositives / (double) (truePositives + falseNegatives);
    }

    public double specificity() {
      return trueNegatives / (double) (trueNegatives + falsePositives);
    }

    public int pairs() {
      return truePositives + falseNegatives + trueNegatives + falsePositives;
    }
  }

  private DedupEvaluation() {}

  public static Score evaluate(List<LabelledPairs.Pair> pairs, DedupWindows windows) throws Exception {
    Map<String, String> linked = new HashMap<>(); // consentId → the consentId it was linked to
    try (KeyedOneInputStreamOperatorTestHarness<String, DecodedConsent, IndexAction> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new SemanticDedup(Duration.ofDays(180), windows)),
            consent -> SemanticKey.of(consent.record()), Types.STRING)) {
      harness.open();
      long time = 0;
      for (LabelledPairs.Pair pair : pairs) {
        for (ConsentRecord record : LabelledPairs.arrivalOrder(pair)) {
          byte[] bytes = ConsentRecordCodec.encode(record);
          harness.processElement(new DecodedConsent(record.getConsentId(), bytes, ConsentRecordCodec.decode(bytes)), ++time);
        }
      }
      for (IndexAction out : harness.extractOutputValues()) {
        String duplicateOf = out.isRemoval() ? null : out.consent().record().getProcessing().getDuplicateOf();
        if (duplicateOf != null) {
          linked.put(out.consent().consentId(), duplicateOf);
        }
      }
      var duplicates = harness.getSideOutput(SemanticDedup.DUPLICATES);
      if (duplicates != null) {
        for (StreamRecord<DuplicateConsent> d : duplicates) {
          linked.put(d.getValue().key(), d.getValue().duplicateOf());
        }
      }
    }
    int tp = 0;
    int fn = 0;
    int tn = 0;
    int fp = 0;
    Map<LabelledPairs.Kind, Integer> errors = new EnumMap<>(LabelledPairs.Kind.class);
    for (LabelledPairs.Pair pair : pairs) {
      String a = pair.first().getConsentId();
      String b = pair.second().getConsentId();
      boolean found = a.equals(linked.get(b)) || b.equals(linked.get(a));
      if (pair.kind().duplicate) {
        if (found) {
          tp++;
        } else {
          fn++;
          errors.merge(pair.kind(), 1, Integer::sum);
        }
      } else if (found) {
        fp++;
        errors.merge(pair.kind(), 1, Integer::sum);
      } else {
        tn++;
      }
    }
    return new Score(tp, fn, tn, fp, errors);
  }
}
