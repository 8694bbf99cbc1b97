package org.qianhe.search.trace;

import org.qianhe.search.people.BlindKeyLookup;
import org.qianhe.search.query.Params;
import org.qianhe.search.query.TraceCriteria;
import org.qianhe.search.query.TraceQuery;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.SearchProperties;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/trace}: consents by any combination of lot, vaccine, site, terminal, region, child,
 * guardian, period, decision and source, sorted and paged (a {@link TracePage}, written by
 * {@link ConsentTraces#findJson} straight from Elasticsearch's answer); {@code /v1/trace/stats}: the same
 * criteria counted per site, day and vaccine. Masked, within the caller's regions, audited.
 *
 * <p>A child or guardian by citizen ID only through POST (form body): an ID number in a URL
 * would end up in access logs, proxies and browser history. GET takes the blind-index key.
 */
@RestController
class TraceController {

  private final ConsentTraces traces;
  private final BlindKeyLookup keys;
  private final TraceQuery.PageSizes pageSizes;

  TraceController(ConsentTraces traces, BlindKeyLookup keys, SearchProperties properties) {
    this.traces = traces;
    this.keys = keys;
    this.pageSizes = new TraceQuery.PageSizes(properties.defaultPageSize(), properties.maxPageSize());
  }

  @GetMapping(path = "/v1/trace", produces = MediaType.APPLICATION_JSON_VALUE)
  byte[] trace(@AuthenticationPrincipal Analyst who, @RequestParam MultiValueMap<String, String> params) {
    // ID parameters are known here only to refuse them with a reason (keys == null)
    return traces.findJson(who, TraceQuery.parse(Params.of(params, TraceQuery.POST_PARAMETERS), pageSizes, null));
  }

  @PostMapping(path = "/v1/trace", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  byte[] traceByIdentifier(@AuthenticationPrincipal Analyst who,
      @RequestParam MultiValueMap<String, String> params) {
    return traces.findJson(who, TraceQuery.parse(Params.of(params, TraceQuery.POST_PARAMETERS), pageSizes, keys));
  }

  @GetMapping(path = "/v1/trace/stats", produces = MediaType.APPLICATION_JSON_VALUE)
  TraceStats stats(@AuthenticationPrincipal Analyst who, @RequestParam MultiValueMap<String, String> params) {
    return traces.stats(who, TraceCriteria.parse(Params.of(params, TraceCriteria.POST_PARAMETERS), null));
  }

  @PostMapping(path = "/v1/trace/stats", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  TraceStats statsByIdentifier(@AuthenticationPrincipal Analyst who,
      @RequestParam MultiValueMap<String, String> params) {
    return traces.stats(who, TraceCriteria.parse(Params.of(params, TraceCriteria.POST_PARAMETERS), keys));
  }
}
