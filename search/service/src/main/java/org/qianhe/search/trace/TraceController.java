package org.qianhe.search.trace;

import org.qianhe.search.system.SearchProperties;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/trace}: every consent of a vaccine lot (recall), or everything a site recorded
 * in a period. Read-only and masked: people appear as blind-index keys and masked values only.
 */
@RestController
class TraceController {

  private final ConsentTraces traces;
  private final TraceQuery.PageSizes pageSizes;

  TraceController(ConsentTraces traces, SearchProperties properties) {
    this.traces = traces;
    this.pageSizes = new TraceQuery.PageSizes(properties.defaultPageSize(), properties.maxPageSize());
  }

  @GetMapping(path = "/v1/trace", produces = MediaType.APPLICATION_JSON_VALUE)
  TracePage trace(@RequestParam MultiValueMap<String, String> params) {
    return traces.find(TraceQuery.parse(params, pageSizes));
  }
}
