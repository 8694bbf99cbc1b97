package org.qianhe.search.export;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.qianhe.search.people.BlindKeyLookup;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/export.csv}: every consent matching the trace criteria as CSV, streamed while it is
 * read (no size limit). {@code X-Total-Count} says how many rows to expect before the first one
 * arrives; with {@code progressId} the caller can also ask {@code /v1/exports/{progressId}}.
 * GET takes people by blind-index key, POST (form body) by citizen ID as well.
 */
@RestController
class ExportController {


  private final ConsentExport exports;
  private final ExportProgress progress;
  private final BlindKeyLookup keys;

  ExportController(ConsentExport exports, ExportProgress progress, BlindKeyLookup keys) {
    this.exports = exports;
    this.progress = progress;
    this.keys = keys;
  }

  @GetMapping("/v1/export.csv")
  void export(@AuthenticationPrincipal Analyst who, @RequestParam MultiValueMap<String, String> params,
      HttpServletResponse response) throws IOException {
    ExportStreaming.stream(exports, who, params, null, response);
  }

  @PostMapping(path = "/v1/export.csv", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  void exportByIdentifier(@AuthenticationPrincipal Analyst who, @RequestParam MultiValueMap<String, String> params,
      HttpServletResponse response) throws IOException {
    ExportStreaming.stream(exports, who, params, keys, response);
  }

  @GetMapping(path = "/v1/exports/{progressId}", produces = MediaType.APPLICATION_JSON_VALUE)
  ExportProgress.Status progress(@AuthenticationPrincipal Analyst who, @PathVariable String progressId) {
    return progress.status(who.username(), progressId).orElseThrow(() -> ProblemException.of(HttpStatus.NOT_FOUND,
        "export-not-found", "Export not found", "No export of yours has this progress id."));
  }

}
