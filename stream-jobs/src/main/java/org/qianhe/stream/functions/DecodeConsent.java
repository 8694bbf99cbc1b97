package org.qianhe.stream.functions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.model.kafka.UndecodableRecordException;
import org.qianhe.model.validation.ReasonCode;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

/**
 * Decodes the Avro single-object value. Bytes that are not a consent record go to the quarantine
 * side output with reason {@code UNDECODABLE}, under their original key and value: nothing is
 * dropped, and no content is logged (it may hold personal data).
 */
public class DecodeConsent extends ProcessFunction<RawConsent, DecodedConsent> {

  public static final OutputTag<QuarantinedConsent> UNDECODABLE =
      new OutputTag<>("undecodable", TypeInformation.of(QuarantinedConsent.class));

  private transient OutcomeMetrics metrics;

  @Override
  public void open(OpenContext openContext) {
    metrics = new OutcomeMetrics(getRuntimeContext().getMetricGroup());
  }

  @Override
  public void processElement(RawConsent raw, Context ctx, Collector<DecodedConsent> out) {
    ConsentRecord record;
    try {
      record = ConsentRecordCodec.decode(raw.value());
    } catch (UndecodableRecordException e) {
      metrics.outcome(OutcomeMetrics.QUARANTINED);
      metrics.reason(ReasonCode.UNDECODABLE.name());
      ctx.output(UNDECODABLE, new QuarantinedConsent(raw.key(), raw.value(), ReasonCode.UNDECODABLE.name()));
      return;
    }
    out.collect(new DecodedConsent(raw.key(), raw.value(), record, raw.replayReasons()));
  }
}
