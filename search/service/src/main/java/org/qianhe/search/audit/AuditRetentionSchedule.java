package org.qianhe.search.audit;

import org.qianhe.search.system.SearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs {@link AuditRetention} on {@code qianhe.search.audit.retention-schedule} (nightly by
 * default; {@code -} switches it off). A failure is logged and tried again the next night: the
 * rows are still there, and still verifiable.
 */
@Component
class AuditRetentionSchedule {

  static final String SYSTEM_USER = "(retention)";
  private static final Logger log = LoggerFactory.getLogger(AuditRetentionSchedule.class);

  private final AuditRetention retention;
  private final SearchProperties properties;

  AuditRetentionSchedule(AuditRetention retention, SearchProperties properties) {
    this.retention = retention;
    this.properties = properties;
  }

  @Scheduled(cron = "${qianhe.search.audit.retention-schedule:0 30 3 * * *}", zone = "Asia/Shanghai")
  void nightly() {
    try {
      retention.run(properties.audit().retention(), true, SYSTEM_USER);
    } catch (RuntimeException e) {
      log.error("audit retention failed ({}); the rows stay until the next run", e.getClass().getName());
    }
  }
}
