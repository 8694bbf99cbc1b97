package org.qianhe.search.consent;

import java.util.Map;
import org.qianhe.search.security.Analyst;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/consents/{id}}: one masked consent. {@code POST /v1/consents/{id}/unmask}
 * (TRACE_OFFICER, with {@code reason}): its people in clear. Both within the caller's regions
 * and audited; the security filter chain already refuses unmask to every other role.
 */
@RestController
class ConsentController {

  /** The JSON body of an unmask. */
  record UnmaskRequest(String reason) {}

  private final ConsentDetails details;

  ConsentController(ConsentDetails details) {
    this.details = details;
  }

  @GetMapping(path = "/v1/consents/{consentId}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> view(@AuthenticationPrincipal Analyst who, @PathVariable String consentId) {
    return details.view(who, consentId);
  }

  @PostMapping(path = "/v1/consents/{consentId}/unmask", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Identity unmaskForm(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @RequestParam(name = "reason", required = false) String reason) {
    return details.unmask(who, consentId, reason);
  }

  @PostMapping(path = "/v1/consents/{consentId}/unmask", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Identity unmaskJson(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @RequestBody UnmaskRequest body) {
    return details.unmask(who, consentId, body == null ? null : body.reason());
  }
}
