package org.qianhe.stream.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import org.qianhe.search.index.BulkWriterSettings;

/**
 * What the Elasticsearch index needs to open its writer. Serializable (it travels in the job
 * graph), unlike the client and {@link BulkWriterSettings}, which are built in each writer.
 */
public record ElasticsearchIndexSettings(
    String url, String alias, int bulkMaxActions, Duration bulkFlushInterval, int bulkMaxRetries,
    int bulkConcurrentRequests) implements Serializable {

  public BulkWriterSettings bulkWriterSettings() {
    BulkWriterSettings defaults = BulkWriterSettings.defaults();
    return new BulkWriterSettings(alias, bulkMaxActions, defaults.maxBytes(), bulkFlushInterval,
        bulkConcurrentRequests, bulkMaxRetries, defaults.initialBackoff());
  }
}
