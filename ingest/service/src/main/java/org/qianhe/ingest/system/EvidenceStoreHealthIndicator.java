package org.qianhe.ingest.system;

import org.qianhe.ingest.evidence.EvidenceStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code evidenceStore} in {@code /actuator/health}: its file system answers and the object directory exists. */
@Component
class EvidenceStoreHealthIndicator extends AbstractHealthIndicator {

  private final EvidenceStore store;

  EvidenceStoreHealthIndicator(EvidenceStore store) {
    super("evidence store health check failed");
    this.store = store;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    builder.status(store.available() ? org.springframework.boot.health.contributor.Status.UP
        : org.springframework.boot.health.contributor.Status.DOWN).withDetail("scheme", store.root().getScheme());
  }
}
