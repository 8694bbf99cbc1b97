package org.qianhe.search.evidence;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code evidenceStore}: whether ingest's evidence store can be
 * read. Before ingest has created the keystore the state is UNKNOWN, not DOWN: searching works,
 * only evidence views and review scans wait for it.
 */
@Component("evidenceStore")
class EvidenceStoreHealth extends AbstractHealthIndicator {

  private final EvidenceVault vault;

  EvidenceStoreHealth(EvidenceVault vault) {
    super("evidence store health check failed");
    this.vault = vault;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    builder.withDetail("root", vault.root().toString());
    try {
      if (vault.available()) {
        builder.up();
      } else {
        builder.down();
      }
    } catch (EvidenceUnavailableException e) {
      builder.unknown().withDetail("reason", e.getMessage());
    }
  }
}
