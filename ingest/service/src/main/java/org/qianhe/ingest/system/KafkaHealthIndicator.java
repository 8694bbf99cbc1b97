package org.qianhe.ingest.system;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} in {@code /actuator/health} (and the readiness group): UP when the cluster answers
 * within the producer's request timeout with at least one broker, DOWN otherwise — the state in
 * which uploads get 503. One admin client for the life of the service.
 */
@Component
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  private final Admin admin;
  private final long timeoutMillis;
  private final String topic;

  KafkaHealthIndicator(IngestProperties properties) {
    super("Kafka health check failed");
    this.timeoutMillis = properties.kafka().requestTimeout().toMillis();
    this.topic = properties.kafka().topic();
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis,
        AdminClientConfig.CLIENT_ID_CONFIG, "qianhe-ingest-health"));
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMillis))
        .nodes().get(timeoutMillis, TimeUnit.MILLISECONDS);
    builder.status(nodes.isEmpty() ? org.springframework.boot.health.contributor.Status.DOWN
            : org.springframework.boot.health.contributor.Status.UP)
        .withDetail("brokers", nodes.size()).withDetail("topic", topic);
  }

  @Override
  public void destroy() {
    admin.close(java.time.Duration.ofSeconds(2));
  }
}
