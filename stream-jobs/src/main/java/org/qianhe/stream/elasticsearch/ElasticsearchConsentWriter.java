package org.qianhe.stream.elasticsearch;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.qianhe.model.ConsentRecord;
import org.qianhe.search.index.ConsentBulkWriter;
import org.qianhe.search.index.ConsentIndexClient;

/**
 * One parallel instance of {@link ElasticsearchConsentSink}: documents go through the shared
 * {@link ConsentBulkWriter}, whose {@code flush()} waits for every in-flight request and throws on a
 * document refused for good, which fails the checkpoint (and the job) instead of losing it.
 */
final class ElasticsearchConsentWriter implements SinkWriter<ConsentRecord> {

  private final ConsentIndexClient index;
  private final ConsentBulkWriter bulk;
  private final Counter sent;

  private ElasticsearchConsentWriter(ConsentIndexClient index, ConsentBulkWriter bulk, Counter sent) {
    this.index = index;
    this.bulk = bulk;
    this.sent = sent;
  }

  static ElasticsearchConsentWriter open(ElasticsearchSinkSettings settings, SinkWriterMetricGroup metrics)
      throws IOException {
    ConsentIndexClient index = ConsentIndexClient.connect(settings.url());
    try {
      // idempotent and safe from several writers at once; a fresh cluster gets template and alias
      index.ensureIndex();
      ConsentBulkWriter bulk = new ConsentBulkWriter(index.client(), settings.bulkWriterSettings());
      return new ElasticsearchConsentWriter(index, bulk, metrics.getNumRecordsSendCounter());
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
  }

  @Override
  public void write(ConsentRecord record, Context context) {
    bulk.add(record);
    sent.inc();
  }

  /** Called before every checkpoint barrier passes on and at the end of input. */
  @Override
  public void flush(boolean endOfInput) throws IOException {
    bulk.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      bulk.close();
    } finally {
      index.close();
    }
  }
}
