package org.qianhe.stream.dedup;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Processing;
import org.qianhe.model.Source;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.functions.OutcomeMetrics;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.DuplicateConsent;
import org.qianhe.stream.records.IndexAction;

/**
 * Semantic deduplication, keyed by {@link SemanticKey}: a record of a vaccination already kept
 * under another consentId (same child, vaccine, dose, site and decision, within the family's
 * window of days) goes to the duplicates side output with {@code duplicateOf} = the kept one.
 * The first record is kept, with one exception: a terminal record beats a paper scan. If the paper
 * record came first, the terminal record is kept as well and the paper record is re-issued, under
 * its own consentId, with {@code processing.duplicateOf} set to the terminal record: the index
 * overwrites its document and staging gets its newer version, so the archive links it instead of
 * counting the vaccination twice. Nothing is dropped.
 *
 * <p>Its main output is what the index operator is to do ({@link IndexAction}): index the kept
 * records, and remove the document of each duplicate, which an attempt that failed before its
 * checkpoint may have indexed while keeping it.
 *
 * <p>State: per key, the kept records by vaccination day, remembered for {@code dedup.semantic-ttl}
 * (processing time, from when they were kept).
 */
public class SemanticDedup extends KeyedProcessFunction<String, DecodedConsent, IndexAction> {

  public static final OutputTag<DuplicateConsent> DUPLICATES =
      new OutputTag<>("semantic-duplicates", TypeInformation.of(DuplicateConsent.class));

  static final String KEPT_STATE = "kept-by-day";

  private final Duration ttl;
  private final DedupWindows windows;
  private transient MapState<Long, KeptVaccination> kept;
  private transient CodeLists codeLists;
  private transient OutcomeMetrics metrics;

  public SemanticDedup(Duration ttl, DedupWindows windows) {
    this.ttl = ttl;
    this.windows = windows;
  }

  public static MapStateDescriptor<Long, KeptVaccination> keptDescriptor(Duration ttl) {
    MapStateDescriptor<Long, KeptVaccination> descriptor =
        new MapStateDescriptor<>(KEPT_STATE, Types.LONG, TypeInformation.of(KeptVaccination.class));
    descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
        .cleanupInRocksdbCompactFilter(1000)
        .build());
    return descriptor;
  }

  @Override
  public void open(OpenContext openContext) {
    kept = getRuntimeContext().getMapState(keptDescriptor(ttl));
    codeLists = CodeLists.bundled();
    metrics = new OutcomeMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(DecodedConsent consent, Context ctx, Collector<IndexAction> out) throws Exception {
    ConsentRecord record = consent.record();
    long day = SemanticKey.day(record).toEpochDay();
    Map.Entry<Long, KeptVaccination> match = closestWithin(day, window(record));
    if (match == null) {
      keep(day, consent);
      out.collect(IndexAction.keep(consent));
      return;
    }
    KeptVaccination first = match.getValue();
    if (!first.consentId.equals(consent.consentId()) && first.paper && record.getSource() == Source.TERMINAL) {
      kept.remove(match.getKey());
      keep(day, consent);
      out.collect(IndexAction.keep(consent));
      out.collect(IndexAction.keep(superseded(first, consent.consentId())));
      metrics.outcome(OutcomeMetrics.SUPERSEDED);
      return;
    }
    // a later record of a kept vaccination, or the kept record itself again (a second replay)
    metrics.outcome(OutcomeMetrics.SEMANTIC_DUPLICATE);
    ctx.output(DUPLICATES, new DuplicateConsent(consent.consentId(), consent.value(), first.consentId));
    if (!first.consentId.equals(consent.consentId())) {
      // it may have been kept and indexed by an attempt that failed before its checkpoint
      out.collect(IndexAction.remove(consent.consentId()));
    }
  }

  private int window(ConsentRecord record) {
    return codeLists.vaccines().find(record.getVaccination().getVaccineCode())
        .map(windows::days).orElse(windows.defaultDays());
  }

  /**
   * The kept record nearest to the day within the window, the same day first. Point lookups, not
   * an iteration over the key's map: on RocksDB a get is far cheaper than opening an iterator, and
   * windows are a few days at most.
   */
  private Map.Entry<Long, KeptVaccination> closestWithin(long day, int windowDays) throws Exception {
    for (int distance = 0; distance <= windowDays; distance++) {
      for (long candidate : distance == 0 ? new long[] {day} : new long[] {day - distance, day + distance}) {
        KeptVaccination found = kept.get(candidate);
        if (found != null) {
          return Map.entry(candidate, found);
        }
      }
    }
    return null;
  }

  private void keep(long day, DecodedConsent consent) throws Exception {
    ConsentRecord record = consent.record();
    kept.put(day, record.getSource() == Source.PAPER_SCAN
        ? KeptVaccination.paper(consent.consentId(), consent.key(), consent.value(), ConsentRecordCodec.encode(record))
        : KeptVaccination.terminal(consent.consentId()));
  }

  private static DecodedConsent superseded(KeptVaccination paper, String keptConsentId) {
    ConsentRecord record = ConsentRecordCodec.decode(paper.paperRecord);
    Processing processing = Processing.newBuilder(record.getProcessing()).setDuplicateOf(keptConsentId).build();
    return new DecodedConsent(paper.paperKey, paper.paperValue,
        ConsentRecord.newBuilder(record).setProcessing(processing).build());
  }
}
