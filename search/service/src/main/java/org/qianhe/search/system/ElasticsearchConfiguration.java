package org.qianhe.search.system;

import org.qianhe.search.index.ConsentIndexClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The process' one Elasticsearch client. Connecting sends no request, so the app starts while
 * Elasticsearch is still down (health reports it); the transport is closed on shutdown.
 */
@Configuration(proxyBeanMethods = false)
class ElasticsearchConfiguration {

  @Bean(destroyMethod = "close")
  ConsentIndexClient consentIndexClient(SearchProperties properties) {
    return ConsentIndexClient.connect(properties.elasticsearch().url());
  }
}
