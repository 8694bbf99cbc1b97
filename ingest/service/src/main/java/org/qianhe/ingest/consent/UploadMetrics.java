package org.qianhe.ingest.consent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qianhe.ingest.system.ProblemError;
import org.qianhe.ingest.system.ProblemException;
import org.springframework.stereotype.Component;

/**
 * The upload metrics (Micrometer; {@code GET /actuator/prometheus}):
 *
 * <ul>
 *   <li>{@code qianhe_ingest_uploads_accepted_total{replay}}: receipts issued, new ({@code false})
 *       or the stored one again ({@code true});</li>
 *   <li>{@code qianhe_ingest_uploads_refused_total{status, reason}}: refusals by HTTP status and
 *       reason code (the problem's code, else its first error's, else its type) — a fixed
 *       vocabulary, never a value from the request;</li>
 *   <li>{@code qianhe_ingest_upload_seconds{outcome}}: latency histogram (accepted, refused,
 *       unavailable), from the first byte read to the answer;</li>
 *   <li>{@code qianhe_ingest_stage_seconds{stage}}: where an accepted upload spends its time
 *       (authenticate, evidence-check, claim, evidence-write, kafka, accept).</li>
 * </ul>
 */
@Component
class UploadMetrics {

  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter replayed;
  private final Map<String, Counter> refused = new ConcurrentHashMap<>();
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();
  private final Map<String, Timer> stages = new ConcurrentHashMap<>();

  UploadMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted = Counter.builder("qianhe.ingest.uploads.accepted").tag("replay", "false")
        .description("Consents accepted with a new receipt").register(registry);
    this.replayed = Counter.builder("qianhe.ingest.uploads.accepted").tag("replay", "true")
        .description("Consents uploaded again and answered with their stored receipt").register(registry);
  }

  /** The timer of one stage of an upload. */
  Timer stage(String stage) {
    return stages.computeIfAbsent(stage, s -> Timer.builder("qianhe.ingest.stage").tag("stage", s)
        .description("Time an upload spends in one stage").register(registry));
  }

  Timer.Sample start() {
    return Timer.start(registry);
  }

  void accepted(boolean replay) {
    (replay ? replayed : accepted).increment();
  }

  void finished(Timer.Sample sample, String outcome) {
    sample.stop(latency.computeIfAbsent(outcome, o -> Timer.builder("qianhe.ingest.upload")
        .tag("outcome", o).description("Latency of consent uploads")
        .publishPercentileHistogram().register(registry)));
  }

  /** Counts a refusal and stops the sample (when given) with its outcome. */
  void refused(Timer.Sample sample, ProblemException problem) {
    int status = problem.getStatusCode().value();
    refused(status, reason(problem));
    if (sample != null) {
      finished(sample, status == 503 ? "unavailable" : "refused");
    }
  }

  void refused(int status, String reason) {
    refused.computeIfAbsent(status + "/" + reason, k -> Counter.builder("qianhe.ingest.uploads.refused")
        .tag("status", Integer.toString(status)).tag("reason", reason)
        .description("Uploads refused, by status and reason code").register(registry)).increment();
  }

  @SuppressWarnings("unchecked")
  static String reason(ProblemException problem) {
    Map<String, Object> properties = problem.getBody().getProperties();
    if (properties != null && properties.get("code") instanceof String code) {
      return code;
    }
    if (properties != null && properties.get("errors") instanceof List<?> errors && !errors.isEmpty()
        && errors.get(0) instanceof ProblemError first && first.code() != null) {
      return first.code();
    }
    String type = problem.getBody().getType().toString();
    return type.substring(type.lastIndexOf(':') + 1);
  }
}
