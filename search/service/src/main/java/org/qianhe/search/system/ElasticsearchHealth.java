package org.qianhe.search.system;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import org.qianhe.search.index.ConsentIndexClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code elasticsearch}: cluster health (the node we run has no
 * {@code GET /}), and whether the {@code consents} alias exists yet. Red is down; an absent alias
 * is up (the service works, it just has nothing to find yet) with the detail saying so.
 */
@Component("elasticsearch")
class ElasticsearchHealth extends AbstractHealthIndicator {

  private final ConsentIndexClient index;

  ElasticsearchHealth(ConsentIndexClient index) {
    super("Elasticsearch health check failed");
    this.index = index;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    HealthStatus status = index.health();
    (status == HealthStatus.Red ? builder.down() : builder.up())
        .withDetail("cluster", status.jsonValue())
        .withDetail("alias", ConsentIndexClient.ALIAS)
        .withDetail("aliasExists", index.aliasExists());
  }
}
