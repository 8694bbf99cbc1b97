package org.qianhe.stream.functions;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.DuplicateConsent;

/**
 * Exact deduplication on consentId (the stream is keyed by it): the first occurrence passes on,
 * every later one goes to the duplicates side output with a link to the record kept. A terminal
 * retrying after a lost 202, or a replay of consent.raw, lands here; nothing is dropped.
 *
 * <p>The "seen" flag lives for {@code dedup.ttl} from the first occurrence (a retry comes within
 * days; the archive's idempotent writes catch anything older), so state does not grow forever.
 */
public class ExactDedup extends KeyedProcessFunction<String, DecodedConsent, DecodedConsent> {

  public static final OutputTag<DuplicateConsent> DUPLICATES =
      new OutputTag<>("duplicates", TypeInformation.of(DuplicateConsent.class));

  static final String SEEN_STATE = "seen";

  private final Duration ttl;
  private transient ValueState<Boolean> seen;
  private transient OutcomeMetrics metrics;

  public ExactDedup(Duration ttl) {
    this.ttl = ttl;
  }

  /** The descriptor of the dedup state, with its time to live; public so operator tests can read the state. */
  public static ValueStateDescriptor<Boolean> seenDescriptor(Duration ttl) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>(SEEN_STATE, Types.BOOLEAN);
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
        // counted from the first occurrence: a stream of retries must not keep a key alive forever
        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
        .build());
    return descriptor;
  }

  @Override
  public void open(OpenContext openContext) {
    seen = getRuntimeContext().getState(seenDescriptor(ttl));
    metrics = new OutcomeMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(DecodedConsent consent, Context ctx, Collector<DecodedConsent> out) throws Exception {
    if (seen.value() == null) {
      seen.update(Boolean.TRUE);
      out.collect(consent);
      return;
    }
    metrics.outcome(OutcomeMetrics.DUPLICATE);
    ctx.output(DUPLICATES, new DuplicateConsent(consent.consentId(), consent.value(), ctx.getCurrentKey()));
  }
}
