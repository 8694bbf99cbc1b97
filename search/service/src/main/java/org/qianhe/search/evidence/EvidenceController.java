package org.qianhe.search.evidence;

import org.qianhe.search.security.Analyst;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/consents/{id}/evidence/{evidenceId}} (TRACE_OFFICER, with {@code reason}): one
 * piece of a consent's evidence as a watermarked image, never the stored bytes. A POST, because it
 * states a reason and is audited; never cached.
 */
@RestController
class EvidenceController {

  /** The JSON body of an evidence view. */
  record EvidenceRequest(String reason) {}

  private final EvidenceViewer viewer;

  EvidenceController(EvidenceViewer viewer) {
    this.viewer = viewer;
  }

  @PostMapping(path = "/v1/consents/{consentId}/evidence/{evidenceId}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<byte[]> viewForm(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @PathVariable String evidenceId, @RequestParam(name = "reason", required = false) String reason) {
    return answer(viewer.view(who, consentId, evidenceId, reason).get(0));
  }

  @PostMapping(path = "/v1/consents/{consentId}/evidence/{evidenceId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> viewJson(@AuthenticationPrincipal Analyst who, @PathVariable String consentId,
      @PathVariable String evidenceId, @RequestBody EvidenceRequest body) {
    return answer(viewer.view(who, consentId, evidenceId, body == null ? null : body.reason()).get(0));
  }

  private static ResponseEntity<byte[]> answer(EvidenceImage image) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(image.mediaType()))
        .cacheControl(CacheControl.noStore())
        .header("Content-Disposition", ContentDisposition.inline().filename(image.fileName()).build().toString())
        .body(image.bytes());
  }
}
