package org.qianhe.search.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.qianhe.model.Decision;
import org.qianhe.model.Source;
import org.qianhe.search.export.ConsentExport;
import org.qianhe.search.export.ExportProgress;
import org.qianhe.search.people.BlindKeyLookup;
import org.qianhe.search.query.Params;
import org.qianhe.search.query.TraceCriteria;
import org.qianhe.search.query.TraceCursor;
import org.qianhe.search.query.TraceQuery;
import org.qianhe.search.query.TraceSort;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.qianhe.search.system.SearchProperties;
import org.qianhe.search.trace.ConsentTraces;
import org.qianhe.search.trace.TracePage;
import org.qianhe.search.trace.TraceStats;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /search}: the form, a page of results and the charts of the whole result. The form is
 * posted (with its CSRF token) so that a typed citizen ID never reaches a URL: it is turned into
 * its blind-index key here and the browser is sent on to {@code GET /search?childKey=...}, which
 * can be bookmarked and paged. Everything goes through the same services as the REST API, so
 * scope, validation and audit are the same.
 */
@Controller
class SearchPage {

  /** Form fields that are not criteria. */
  static final Set<String> UI_ONLY = Set.of("lang", "_csrf");

  private final ConsentTraces traces;
  private final ConsentExport exports;
  private final ExportProgress progress;
  private final BlindKeyLookup keys;
  private final TraceQuery.PageSizes pageSizes;

  SearchPage(ConsentTraces traces, ConsentExport exports, ExportProgress progress, BlindKeyLookup keys,
      SearchProperties properties) {
    this.traces = traces;
    this.exports = exports;
    this.progress = progress;
    this.keys = keys;
    this.pageSizes = new TraceQuery.PageSizes(Math.min(50, properties.defaultPageSize()), properties.maxPageSize());
  }

  @GetMapping("/search")
  String search(@AuthenticationPrincipal Analyst who, @RequestParam MultiValueMap<String, String> params,
      Model model) {
    MultiValueMap<String, String> given = given(params);
    model.addAttribute("form", given.toSingleValueMap());
    model.addAttribute("decisions", Decision.values());
    model.addAttribute("sources", Source.values());
    model.addAttribute("sorts", TraceSort.values());
    model.addAttribute("scope", who.scope().toString());
    boolean asked = given.keySet().stream().anyMatch(TraceCriteria.NARROWING::contains);
    if (!asked) {
      return "search";
    }
    try {
      TraceQuery query = TraceQuery.parse(Params.of(given, TraceQuery.POST_PARAMETERS), pageSizes, null);
      TracePage page = traces.find(who, query);
      model.addAttribute("page", page);
      model.addAttribute("results", ConsentView.of(page.results()));
      if (query.after() == null) {
        TraceStats stats = traces.stats(who, query.criteria());
        model.addAttribute("charts", Charts.of(stats));
      }
      MultiValueMap<String, String> criteria = new LinkedMultiValueMap<>(given);
      criteria.remove(TraceCursor.PARAMETER);
      model.addAttribute("criteria", criteria.toSingleValueMap());
      if (page.next() != null) {
        model.addAttribute("nextUrl", UriComponentsBuilder.fromPath("/search").queryParams(criteria)
            .queryParam(TraceCursor.PARAMETER, page.next()).build().encode().toUriString());
        model.addAttribute("firstUrl", query.after() == null ? null
            : UriComponentsBuilder.fromPath("/search").queryParams(criteria).build().encode().toUriString());
      } else if (query.after() != null) {
        model.addAttribute("firstUrl", UriComponentsBuilder.fromPath("/search").queryParams(criteria).build().encode().toUriString());
      }
    } catch (ProblemException e) {
      model.addAttribute("problem", e.getBody().getDetail());
    }
    return "search";
  }

  /** The form: citizen IDs become keys, then the browser is sent to the GET form of the search. */
  @PostMapping("/search")
  String submit(@RequestParam MultiValueMap<String, String> params, Model model) {
    MultiValueMap<String, String> given = given(params);
    UriComponentsBuilder target = UriComponentsBuilder.fromPath("/search");
    try {
      for (String who : new String[] {"child", "guardian"}) {
        String id = single(given, who + "Id");
        if (id != null) {
          target.queryParam(who + "Key", keys.apply(org.qianhe.search.people.CitizenIds.normalise(id).orElseThrow(() ->
              ProblemException.badParameter(who + "Id", "must be an 18-character citizen ID number with a valid check character"))));
        }
      }
    } catch (ProblemException e) {
      return "redirect:/search?problem=" + e.parameter();
    }
    given.forEach((name, values) -> {
      if (!TraceCriteria.ID_PARAMETERS.contains(name)) {
        target.queryParam(name, values.toArray());
      }
    });
    return "redirect:" + target.build().encode().toUriString();
  }

  /** The export button: the same criteria as the page shows, streamed as CSV. */
  @PostMapping("/search/export.csv")
  void export(@AuthenticationPrincipal Analyst who, @RequestParam MultiValueMap<String, String> params,
      HttpServletResponse response) throws IOException {
    org.qianhe.search.export.ExportStreaming.stream(exports, who, given(params), null, response);
  }

  @GetMapping(path = "/search/exports/{progressId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ExportProgress.Status exportProgress(@AuthenticationPrincipal Analyst who, @PathVariable String progressId) {
    return progress.status(who.username(), progressId).orElse(new ExportProgress.Status(0, 0, false, false));
  }

  /** What the user filled in: blank fields, the language switch and the CSRF token are not criteria. */
  static MultiValueMap<String, String> given(MultiValueMap<String, String> params) {
    MultiValueMap<String, String> given = new LinkedMultiValueMap<>();
    params.forEach((name, values) -> {
      if (!UI_ONLY.contains(name) && !"problem".equals(name)) {
        values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> given.add(name, v.strip()));
      }
    });
    return given;
  }

  private static String single(MultiValueMap<String, String> params, String name) {
    return params.containsKey(name) ? params.getFirst(name) : null;
  }
}
