package org.qianhe.search.admin;

import java.time.Period;
import java.util.List;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.audit.AuditRecord;
import org.qianhe.search.audit.AuditRetention;
import org.qianhe.search.audit.AuditRetentionReport;
import org.qianhe.search.audit.ChainReport;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.qianhe.search.system.SearchProperties;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/admin/audit} (ADMIN): the newest audit rows, a check of the whole hash chain, and
 * the retention run ({@code POST /v1/admin/audit/retention}, a dry run unless {@code apply=true}).
 * A verification or a dry run is itself recorded, so the log shows who checked it and what they
 * found; an applied removal is recorded by its RETENTION row.
 */
@RestController
class AuditAdminController {

  static final int MAX_ROWS = 1000;

  private final AuditLog audit;
  private final AuditRetention retention;
  private final Period keep;

  AuditAdminController(AuditLog audit, AuditRetention retention, SearchProperties properties) {
    this.audit = audit;
    this.retention = retention;
    this.keep = properties.audit().retention();
  }

  @PostMapping(path = "/v1/admin/audit/retention", produces = MediaType.APPLICATION_JSON_VALUE)
  AuditRetentionReport retention(@AuthenticationPrincipal Analyst who, @RequestParam(defaultValue = "false") boolean apply) {
    AuditRetentionReport report = retention.run(keep, apply, who.username());
    if (!report.applied()) {
      audit.record(AuditEvent.of(who.username(), AuditAction.ADMIN, "audit retention " + (apply ? "run" : "dry run")
          + ": " + report.rows() + " rows due (occurred before " + report.cutoff() + ")", report.rows()));
    }
    return report;
  }

  @GetMapping(path = "/v1/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  List<AuditRecord> recent(@RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) Long before, @RequestParam(required = false) String user) {
    if (limit < 1 || limit > MAX_ROWS) {
      throw ProblemException.badParameter("limit", "must be from 1 to " + MAX_ROWS);
    }
    return audit.recent(limit, before, user);
  }

  @GetMapping(path = "/v1/admin/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  ChainReport verify(@AuthenticationPrincipal Analyst who) {
    return verifyAndRecord(audit, who);
  }

  static ChainReport verifyAndRecord(AuditLog audit, Analyst who) {
    ChainReport report = audit.verify();
    audit.record(AuditEvent.of(who.username(), AuditAction.ADMIN,
        "audit chain verified: " + (report.intact() ? "intact" : "broken at row " + report.firstBrokenSeq()),
        report.rowsChecked()));
    return report;
  }
}
