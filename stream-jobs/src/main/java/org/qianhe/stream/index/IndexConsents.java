package org.qianhe.stream.index;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.validation.ReasonCode;
import org.qianhe.stream.functions.OutcomeMetrics;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.IndexAction;
import org.qianhe.stream.records.QuarantinedConsent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes each kept consent and passes it on to staging only once the index has acknowledged it,
 * so that the archive and the index hold the same records; removes the documents of consents
 * found to be duplicates (see {@link IndexAction}).
 *
 * <ul>
 *   <li>Before every checkpoint barrier (and at the end of input) it waits until the index has
 *       answered for everything received: a checkpoint never covers an unacknowledged document,
 *       and a restart replays from Kafka into an index that overwrites by consentId.</li>
 *   <li>A document the index refuses for good is not a reason to stop the job: the record goes to
 *       the quarantine with {@code INDEX_REFUSED} and its original bytes, and is not staged.</li>
 *   <li>While the index is unreachable or overloaded, records are held and sent again every
 *       {@code retryInterval}; the operator waits meanwhile, which back-pressures the source, so an
 *       outage delays consents but loses none.</li>
 *   <li>A missing alias or denied access fails the job: no record could be indexed, and
 *       quarantining them all would only hide the misconfiguration.</li>
 * </ul>
 *
 * <p>No state of its own: nothing is in flight when a checkpoint is taken.
 */
public class IndexConsents extends AbstractStreamOperator<ConsentRecord>
    implements OneInputStreamOperator<IndexAction, ConsentRecord>, BoundedOneInput {

  private static final Logger log = LoggerFactory.getLogger(IndexConsents.class);

  public static final OutputTag<QuarantinedConsent> REFUSED =
      new OutputTag<>("index-refused", TypeInformation.of(QuarantinedConsent.class));

  private final ConsentIndexFactory factory;
  private final int maxPending;
  private final Duration retryInterval;

  private transient ConsentIndex index;
  private transient List<IndexAction> pending;
  private transient OutcomeMetrics metrics;

  public IndexConsents(ConsentIndexFactory factory, int maxPending, Duration retryInterval) {
    this.factory = factory;
    this.maxPending = maxPending;
    this.retryInterval = retryInterval;
  }

  @Override
  public void open() throws Exception {
    super.open();
    pending = new ArrayList<>();
    metrics = new OutcomeMetrics(getMetricGroup());
    index = factory.open();
  }

  @Override
  public void processElement(StreamRecord<IndexAction> element) throws Exception {
    IndexAction action = element.getValue();
    send(action);
    pending.add(action);
    if (pending.size() >= maxPending) {
      settle();
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    settle();
  }

  @Override
  public void endInput() throws Exception {
    settle();
  }

  @Override
  public void finish() throws Exception {
    settle();
    super.finish();
  }

  @Override
  public void close() throws Exception {
    try {
      if (index != null) {
        index.close();
      }
    } finally {
      super.close();
    }
  }

  private void send(IndexAction action) throws IOException {
    if (action.isRemoval()) {
      index.remove(action.removeId());
    } else {
      index.add(action.consent().record());
    }
  }

  /** Waits for the index's answer on every pending action and routes each: staged, quarantined or sent again. */
  private void settle() throws IOException, InterruptedException {
    List<IndexAction> waiting = pending;
    pending = new ArrayList<>();
    while (!waiting.isEmpty()) {
      Map<String, IndexFailure> failures = new HashMap<>();
      index.flush().forEach(f -> failures.put(f.consentId(), f));
      List<IndexAction> again = new ArrayList<>();
      for (IndexAction action : waiting) {
        String consentId = action.isRemoval() ? action.removeId() : action.consent().consentId();
        IndexFailure failure = failures.get(consentId);
        if (failure == null) {
          if (!action.isRemoval()) {
            metrics.outcome(OutcomeMetrics.INDEXED);
            output.collect(new StreamRecord<>(action.consent().record()));
          }
          continue;
        }
        switch (failure.kind()) {
          case REFUSED -> refuse(action, failure);
          case UNAVAILABLE -> again.add(action);
          case MISCONFIGURED -> throw new IOException("the index refuses every document, fix its configuration: " + failure);
        }
      }
      if (!again.isEmpty()) {
        IndexFailure example = failures.get(again.get(0).isRemoval() ? again.get(0).removeId() : again.get(0).consent().consentId());
        log.warn("index unavailable ({}); holding {} consent(s), sending them again in {} ms",
            example, again.size(), retryInterval.toMillis());
        Thread.sleep(retryInterval.toMillis());
        for (IndexAction action : again) {
          send(action);
        }
      }
      waiting = again;
    }
  }

  private void refuse(IndexAction action, IndexFailure failure) throws IOException {
    if (action.isRemoval()) {
      // a delete is never refused for its content: something is wrong with the index itself
      throw new IOException("the index refused to remove a duplicate's document: " + failure);
    }
    DecodedConsent consent = action.consent();
    log.warn("consent {} quarantined: the index refused it for good ({} {})",
        consent.consentId(), failure.status(), failure.errorType());
    metrics.outcome(OutcomeMetrics.QUARANTINED);
    metrics.reason(ReasonCode.INDEX_REFUSED.name());
    output.collect(REFUSED, new StreamRecord<>(
        new QuarantinedConsent(consent.key(), consent.value(), ReasonCode.INDEX_REFUSED.name())));
  }
}
