package org.qianhe.search.web;

import java.util.Map;
import org.qianhe.search.consent.ConsentDetails;
import org.qianhe.search.consent.Identity;
import org.qianhe.search.evidence.EvidenceViewer;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.security.Role;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /consents/{id}}: one consent in detail (notice, screening, decision, evidence digests,
 * signature state, paper lineage), masked. A trace officer may reveal the identity, or view the
 * evidence (photo, fingerprint, signature, scans), by stating a reason; the page then shows it
 * once, in the answer to that POST — the images inline as {@code data:} URIs — never in a URL or
 * a cache (Spring Security sends {@code Cache-Control: no-store}).
 */
@Controller
class ConsentPage {

  private final ConsentDetails details;
  private final EvidenceViewer evidence;

  ConsentPage(ConsentDetails details, EvidenceViewer evidence) {
    this.details = details;
    this.evidence = evidence;
  }

  @GetMapping("/consents/{consentId}")
  String show(@AuthenticationPrincipal Analyst who, @PathVariable String consentId, Model model) {
    return page(who, consentId, null, null, model);
  }

  @PostMapping("/consents/{consentId}/evidence")
  String evidence(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @RequestParam(name = "reason", required = false) String reason, Model model) {
    try {
      model.addAttribute("images", evidence.view(who, consentId, null, reason));
    } catch (ProblemException e) {
      if (e.getBody().getType().toString().endsWith(":consent-not-found")) {
        model.addAttribute("notFound", true);
        return "consent";
      }
      model.addAttribute("evidenceProblem", e.getBody().getDetail());
    }
    return page(who, consentId, null, null, model);
  }

  @PostMapping("/consents/{consentId}/unmask")
  String unmask(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @RequestParam(name = "reason", required = false) String reason, Model model) {
    Identity identity = null;
    String problem = null;
    try {
      identity = details.unmask(who, consentId, reason);
    } catch (ProblemException e) {
      if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
        model.addAttribute("notFound", true);
        return "consent";
      }
      problem = e.getBody().getDetail();
    }
    return page(who, consentId, identity, problem, model);
  }

  private String page(Analyst who, String consentId, Identity identity, String problem, Model model) {
    try {
      Map<String, Object> doc = details.view(who, consentId);
      model.addAttribute("c", new ConsentView(doc));
    } catch (ProblemException e) {
      model.addAttribute("notFound", true);
      return "consent";
    }
    model.addAttribute("consentId", consentId);
    model.addAttribute("mayUnmask", who.has(Role.TRACE_OFFICER));
    model.addAttribute("identity", identity);
    model.addAttribute("problem", problem);
    return "consent";
  }
}
