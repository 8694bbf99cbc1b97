package org.qianhe.stream.bench;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.qianhe.model.ConsentRecord;
import org.qianhe.stream.StreamJobConfig;
import org.qianhe.stream.functions.DecodeConsent;
import org.qianhe.stream.index.ConsentIndexFactory;
import org.qianhe.stream.index.IndexConsents;
import org.qianhe.stream.records.DecodedConsent;
import org.qianhe.stream.records.IndexAction;
import org.qianhe.stream.records.QuarantinedConsent;
import org.qianhe.stream.records.RawConsent;

/**
 * The benchmark's baseline: the same source, index and sinks as the validation job, with neither
 * validation nor deduplication in between (decoding stays: nothing can be indexed without it).
 */
final class PassThroughJob {

  private PassThroughJob() {}

  static void build(StreamExecutionEnvironment env, Source<RawConsent, ?, ?> source, ConsentIndexFactory index,
      Sink<ConsentRecord> staging, Sink<QuarantinedConsent> quarantine, StreamJobConfig config) {
    SingleOutputStreamOperator<DecodedConsent> decoded = env
        .fromSource(source, WatermarkStrategy.noWatermarks(), "consent.raw")
        .process(new DecodeConsent()).name("decode");
    SingleOutputStreamOperator<ConsentRecord> indexed = decoded
        .map(IndexAction::keep).returns(TypeInformation.of(IndexAction.class)).name("keep-all")
        .transform("elasticsearch-index", TypeInformation.of(ConsentRecord.class),
            new IndexConsents(index, config.indexMaxPending(), config.indexRetryInterval()));
    indexed.sinkTo(staging).name("staging");
    decoded.getSideOutput(DecodeConsent.UNDECODABLE).union(indexed.getSideOutput(IndexConsents.REFUSED))
        .sinkTo(quarantine).name("consent.quarantine");
  }
}
