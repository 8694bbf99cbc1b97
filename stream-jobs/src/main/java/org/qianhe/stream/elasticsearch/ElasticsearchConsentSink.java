package org.qianhe.stream.elasticsearch;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.qianhe.model.ConsentRecord;

/**
 * Indexes consents into Elasticsearch 9 (no published Flink connector supports it), on the Sink V2
 * API. At least once, made exactly-once in effect by the document id: every document is written
 * under its consentId, so a replay after a restart overwrites instead of duplicating. A checkpoint
 * is acknowledged only after every document written before it has been acknowledged by
 * Elasticsearch ({@link SinkWriter#flush(boolean)}).
 */
public class ElasticsearchConsentSink implements Sink<ConsentRecord> {

  private final ElasticsearchSinkSettings settings;

  public ElasticsearchConsentSink(ElasticsearchSinkSettings settings) {
    this.settings = settings;
  }

  /** The client is not serializable, so each parallel writer connects for itself, here. */
  @Override
  public SinkWriter<ConsentRecord> createWriter(WriterInitContext context) throws IOException {
    return ElasticsearchConsentWriter.open(settings, context.metricGroup());
  }
}
