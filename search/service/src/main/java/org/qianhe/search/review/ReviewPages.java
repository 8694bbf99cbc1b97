package org.qianhe.search.review;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.qianhe.review.ReviewItem;
import org.qianhe.search.audit.AuditUnavailableException;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reviewer's pages of the paper migration: {@code /review} (the pending pages of the
 * reviewer's regions), {@code /review/{id}} (one page: the scan beside the values read, with
 * their confidence and the reasons for review), and the forms that approve it with corrections
 * ({@code value.<field>} inputs; an empty input keeps the value read) or reject it with a reason.
 * Forms carry the CSRF token; a decision redirects back to the list (post/redirect/get).
 */
@Controller
class ReviewPages {

  static final String VALUE_PREFIX = "value.";

  private final ReviewDesk desk;

  ReviewPages(ReviewDesk desk) {
    this.desk = desk;
  }

  @GetMapping("/review")
  String list(@AuthenticationPrincipal Analyst who, @RequestParam(name = "from", defaultValue = "0") int from, Model model) {
    model.addAttribute("page", desk.pending(who, from));
    model.addAttribute("pageSize", ReviewDesk.PAGE_SIZE);
    return "review/list";
  }

  @GetMapping("/review/{consentId}")
  String show(@AuthenticationPrincipal Analyst who, @PathVariable String consentId, Model model) {
    model.addAttribute("sheet", desk.open(who, consentId));
    return "review/page";
  }

  @PostMapping("/review/{consentId}/approve")
  String approve(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @RequestParam Map<String, String> form, RedirectAttributes redirect, Model model, HttpServletResponse response) {
    Map<String, String> corrections = new LinkedHashMap<>();
    form.forEach((name, value) -> {
      if (name.startsWith(VALUE_PREFIX) && value != null && !value.isBlank()) {
        corrections.put(name.substring(VALUE_PREFIX.length()), value);
      }
    });
    return decided(consentId, () -> desk.approve(who, consentId, corrections), who, redirect, model, response);
  }

  @PostMapping("/review/{consentId}/reject")
  String reject(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @RequestParam(name = "reason", required = false) String reason, RedirectAttributes redirect, Model model,
      HttpServletResponse response) {
    return decided(consentId, () -> desk.reject(who, consentId, reason), who, redirect, model, response);
  }

  /** No audit row, no answer — and no decision: the decision's transaction was rolled back with the row. */
  @ExceptionHandler(AuditUnavailableException.class)
  String auditUnavailable(Model model, HttpServletResponse response) {
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    model.addAttribute("status", HttpStatus.SERVICE_UNAVAILABLE.value());
    return "error";
  }

  /** Back to the list with what was decided; a refused decision shows the page again with the problem. */
  private String decided(String consentId, Supplier<ReviewItem> decision, Analyst who,
      RedirectAttributes redirect, Model model, HttpServletResponse response) {
    try {
      ReviewItem item = decision.get();
      redirect.addFlashAttribute("decided", item.consentId());
      redirect.addFlashAttribute("decision", item.status().name());
      return "redirect:/review";
    } catch (ProblemException e) {
      if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
        throw e;
      }
      response.setStatus(e.getStatusCode().value());
      model.addAttribute("problem", e.getBody().getDetail());
      model.addAttribute("sheet", desk.open(who, consentId));
      return "review/page";
    }
  }
}
