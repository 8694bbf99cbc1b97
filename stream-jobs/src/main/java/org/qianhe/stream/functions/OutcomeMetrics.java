package org.qianhe.stream.functions;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The job's counters, under the operator's metric group: {@code consent.<outcome>} per outcome
 * (valid, warning, quarantined, duplicate) and {@code consent.reason.<code>.count} per reason code.
 * Counters are registered when first used, so an operator only reports what it can produce.
 */
final class OutcomeMetrics {

  static final String GROUP = "consent";
  static final String VALID = "valid";
  static final String WARNING = "warning";
  static final String QUARANTINED = "quarantined";
  static final String DUPLICATE = "duplicate";

  private final MetricGroup group;
  private final Map<String, Counter> outcomes = new HashMap<>();
  private final Map<String, Counter> reasons = new HashMap<>();

  OutcomeMetrics(MetricGroup operatorGroup) {
    this.group = operatorGroup.addGroup(GROUP);
  }

  void outcome(String outcome) {
    outcomes.computeIfAbsent(outcome, group::counter).inc();
  }

  void reason(String code) {
    reasons.computeIfAbsent(code, c -> group.addGroup("reason", c).counter("count")).inc();
  }
}
