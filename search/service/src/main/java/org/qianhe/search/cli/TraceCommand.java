package org.qianhe.search.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** Prints the matching consents as JSON lines (one masked consent per line); the total goes to stderr. */
@Command(name = "trace", mixinStandardHelpOptions = true, description = "Consents matching the criteria, one JSON object per line.")
class TraceCommand implements Callable<Integer> {

  @ParentCommand SearchCli cli;
  @Spec CommandSpec spec;
  @Mixin CriteriaOptions criteria;

  @Option(names = "--sort", description = "occurredAt (default), -occurredAt, receivedAt, siteCode, vaccineCode, lotNumber, ...")
  String sort;

  @Option(names = "--size", description = "consents per request (default: the service's)")
  Integer size;

  @Option(names = "--all", description = "follow every page instead of printing the first")
  boolean all;

  @Override
  public Integer call() throws Exception {
    ApiClient api = cli.client(spec.commandLine().getErr());
    Map<String, String> params = criteria.params();
    if (sort != null) {
      params.put("sort", sort);
    }
    if (size != null) {
      params.put("size", size.toString());
    }
    long printed = 0;
    long total = -1;
    String next = null;
    do {
      if (next != null) {
        params.put("searchAfter", next);
      }
      JsonNode page = criteria.byIdNumber() ? api.postJson("v1/trace", params) : api.getJson("v1/trace", params);
      total = page.path("total").asLong();
      for (JsonNode consent : page.path("results")) {
        spec.commandLine().getOut().println(ApiClient.JSON.writeValueAsString(consent));
        printed++;
      }
      next = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asString();
    } while (all && next != null);
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().println(printed + " of " + total + " consents"
        + (next != null ? " (more: --all)" : ""));
    return 0;
  }
}
