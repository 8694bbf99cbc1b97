package org.qianhe.stream.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import org.qianhe.search.index.BulkWriterSettings;

/**
 * What the Elasticsearch sink needs to open its writers. Serializable (it travels in the job
 * graph), unlike the client and {@link BulkWriterSettings}, which are built in each writer.
 */
public record ElasticsearchSinkSettings(
    String url, String alias, int bulkMaxActions, Duration bulkFlushInterval, int bulkMaxRetries)
    implements Serializable {

  BulkWriterSettings bulkWriterSettings() {
    BulkWriterSettings defaults = BulkWriterSettings.defaults();
    return new BulkWriterSettings(alias, bulkMaxActions, defaults.maxBytes(), bulkFlushInterval,
        defaults.maxConcurrentRequests(), bulkMaxRetries, defaults.initialBackoff());
  }
}
