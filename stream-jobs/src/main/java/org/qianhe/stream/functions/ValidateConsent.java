package org.qianhe.stream.functions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Finding;
import org.qianhe.model.Processing;
import org.qianhe.model.Severity;
import org.qianhe.model.ValidationStatus;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.model.validation.ReasonCode;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.QuarantinedConsent;

/**
 * Applies the shared format and rule checks of {@code model}. A record with any ERROR finding goes
 * to the quarantine side output with its reason codes and original bytes; every other record
 * passes on with {@code processing.validationStatus} set (VALID, or WARNING with the warnings in
 * {@code processing.findings}).
 *
 * <p>It runs before deduplication, so a consentId is only remembered once its record passed: the
 * same consent replayed from the quarantine after a rule or data fix is not mistaken for a
 * duplicate of its own rejected first attempt.
 */
public class ValidateConsent extends ProcessFunction<DecodedConsent, DecodedConsent> {

  public static final OutputTag<QuarantinedConsent> INVALID =
      new OutputTag<>("invalid", TypeInformation.of(QuarantinedConsent.class));

  private final Duration allowedClockSkew;
  private transient ConsentValidator validator;
  private transient OutcomeMetrics metrics;

  public ValidateConsent(Duration allowedClockSkew) {
    this.allowedClockSkew = allowedClockSkew;
  }

  @Override
  public void open(OpenContext openContext) {
    validator = new ConsentValidator(allowedClockSkew);
    metrics = new OutcomeMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(DecodedConsent consent, Context ctx, Collector<DecodedConsent> out) {
    List<Finding> findings;
    try {
      findings = validator.checkRecord(consent.record());
    } catch (RuntimeException e) {
      // A record the rules cannot even evaluate must not crash the job into a restart loop
      // (it would come back after every restart); it is kept for people to look at.
      metrics.reason(ReasonCode.VALIDATION_FAILED.name());
      quarantine(consent, ReasonCode.VALIDATION_FAILED.name(), ctx);
      return;
    }
    findings.forEach(f -> metrics.reason(f.getCode()));
    if (ConsentValidator.hasErrors(findings)) {
      quarantine(consent, ConsentValidator.reasonCodes(findings), ctx);
      return;
    }
    List<Finding> warnings = findings.stream().filter(f -> f.getSeverity() == Severity.WARNING).toList();
    ValidationStatus status = warnings.isEmpty() ? ValidationStatus.VALID : ValidationStatus.WARNING;
    metrics.outcome(warnings.isEmpty() ? OutcomeMetrics.VALID : OutcomeMetrics.WARNING);
    out.collect(consent.withRecord(withStatus(consent.record(), status, warnings)));
  }

  private void quarantine(DecodedConsent consent, String reasons, Context ctx) {
    metrics.outcome(OutcomeMetrics.QUARANTINED);
    ctx.output(INVALID, new QuarantinedConsent(consent.consentId(), consent.value(), reasons));
  }

  /** A copy: the input may be shared with other operators when object reuse is on. */
  static ConsentRecord withStatus(ConsentRecord record, ValidationStatus status, List<Finding> warnings) {
    Processing processing = Processing.newBuilder(record.getProcessing())
        .setValidationStatus(status)
        .setFindings(new ArrayList<>(warnings))
        .build();
    return ConsentRecord.newBuilder(record).setProcessing(processing).build();
  }
}
