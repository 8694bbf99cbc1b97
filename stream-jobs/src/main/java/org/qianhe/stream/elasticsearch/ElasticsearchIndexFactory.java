package org.qianhe.stream.elasticsearch;

import java.io.IOException;
import org.qianhe.stream.index.ConsentIndex;
import org.qianhe.stream.index.ConsentIndexFactory;

/** Opens the Elasticsearch index in each parallel operator: the client is not serializable. */
public record ElasticsearchIndexFactory(ElasticsearchIndexSettings settings) implements ConsentIndexFactory {

  @Override
  public ConsentIndex open() throws IOException {
    return ElasticsearchConsentIndex.open(settings);
  }
}
