package org.qianhe.stream.functions;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The job's counters, under the operator's metric group: {@code consent.<outcome>} per outcome
 * (valid, warning, quarantined, duplicate, semantic-duplicate, superseded, replayed, indexed) and {@code consent.reason.<code>.count} per reason code.
 * Counters are registered when first used, so an operator only reports what it can produce.
 */
public final class OutcomeMetrics {

  public static final String GROUP = "consent";
  public static final String VALID = "valid";
  public static final String WARNING = "warning";
  public static final String QUARANTINED = "quarantined";
  public static final String DUPLICATE = "duplicate";
  public static final String SEMANTIC_DUPLICATE = "semantic-duplicate";
  public static final String SUPERSEDED = "superseded";
  public static final String REPLAYED = "replayed";
  public static final String INDEXED = "indexed";

  private final MetricGroup group;
  private final Map<String, Counter> outcomes = new HashMap<>();
  private final Map<String, Counter> reasons = new HashMap<>();

  public OutcomeMetrics(MetricGroup operatorGroup) {
    this.group = operatorGroup.addGroup(GROUP);
  }

  public void outcome(String outcome) {
    outcomes.computeIfAbsent(outcome, group::counter).inc();
  }

  public void reason(String code) {
    reasons.computeIfAbsent(code, c -> group.addGroup("reason", c).counter("count")).inc();
  }
}
