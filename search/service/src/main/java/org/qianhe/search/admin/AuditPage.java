package org.qianhe.search.admin;

import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.audit.AuditRecord;
import org.qianhe.search.audit.ChainReport;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.SearchProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /admin/audit} (ADMIN): the audit log, newest first, and a button that checks the whole chain. */
@Controller
class AuditPage {

  static final int PAGE_ROWS = 100;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ConsentValidator.CLINIC_ZONE);

  /** A row as the page shows it: the time on the clinics' clock. */
  record Row(AuditRecord record, String time) {}

  private final AuditLog audit;
  private final Period retention;

  AuditPage(AuditLog audit, SearchProperties properties) {
    this.audit = audit;
    this.retention = properties.audit().retention();
  }

  @GetMapping("/admin/audit")
  String show(@RequestParam(required = false) Long before, @RequestParam(required = false) String user, Model model) {
    return page(before, user, null, model);
  }

  /** A POST (with its CSRF token): a verification writes an audit row. */
  @PostMapping("/admin/audit/verify")
  String verify(@AuthenticationPrincipal Analyst who, Model model) {
    return page(null, null, AuditAdminController.verifyAndRecord(audit, who), model);
  }

  private String page(Long before, String user, ChainReport report, Model model) {
    String filter = user == null || user.isBlank() ? null : user.strip();
    List<AuditRecord> rows = audit.recent(PAGE_ROWS, before, filter);
    model.addAttribute("rows", rows.stream().map(r -> new Row(r, TIME.format(r.occurredAt()))).toList());
    model.addAttribute("user", filter);
    model.addAttribute("report", report);
    AuditLog.Anchor anchor = audit.anchor();
    model.addAttribute("anchor", anchor.removedRows() > 0 ? anchor : null);
    model.addAttribute("retention", retention);
    model.addAttribute("older", rows.size() == PAGE_ROWS ? rows.get(rows.size() - 1).seq() : null);
    return "admin/audit";
  }
}
