package org.qianhe.stream.functions;

import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.qianhe.model.validation.ReasonCode;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.DuplicateConsent;

/**
 * Exact deduplication on consentId (the stream is keyed by it): the first valid occurrence passes
 * on, every later one goes to the duplicates side output with a link to the record kept. A
 * terminal retrying after a lost 202, or a replay of consent.raw, lands here; nothing is dropped.
 *
 * <p>Only valid records reach this operator (validation runs first), so "seen" means "passed
 * validation": a consent quarantined by a rule and replayed after the fix is let through. One
 * case remains where a seen consent was not kept: Elasticsearch refused its document for good and
 * it was quarantined with {@code INDEX_REFUSED} after this point. The replay command marks what it
 * re-injects with the original reasons, and such a replay is let through explicitly; the index
 * writes by consentId, so even a second such replay cannot double anything there, and semantic
 * deduplication sends it to duplicates if the first one was kept after all.
 *
 * <p>The flag lives for {@code dedup.ttl} from the first occurrence (a retry comes within days; the
 * archive's idempotent writes catch anything older), so state does not grow forever. On RocksDB
 * expired entries are dropped by its compaction filter.
 */
public class ExactDedup extends KeyedProcessFunction<String, DecodedConsent, DecodedConsent> {

  public static final OutputTag<DuplicateConsent> DUPLICATES =
      new OutputTag<>("duplicates", TypeInformation.of(DuplicateConsent.class));

  static final String SEEN_STATE = "seen";
  /** RocksDB's compaction filter re-reads the current time after this many entries. */
  static final long TTL_QUERY_TIME_AFTER_ENTRIES = 1000;

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
        .cleanupInRocksdbCompactFilter(TTL_QUERY_TIME_AFTER_ENTRIES)
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
    if (isReplayOfIndexRefusal(consent)) {
      metrics.outcome(OutcomeMetrics.REPLAYED);
      out.collect(consent);
      return;
    }
    metrics.outcome(OutcomeMetrics.DUPLICATE);
    ctx.output(DUPLICATES, new DuplicateConsent(consent.consentId(), consent.value(), ctx.getCurrentKey()));
  }

  static boolean isReplayOfIndexRefusal(DecodedConsent consent) {
    return consent.replayReasons() != null
        && Arrays.stream(consent.replayReasons().split(",")).map(String::strip)
            .anyMatch(ReasonCode.INDEX_REFUSED.name()::equals);
  }
}
