package org.qianhe.search.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** Counts per site, clinic day and vaccine, as JSON. */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Counts of the matching consents per site, day and vaccine (JSON).")
class StatsCommand implements Callable<Integer> {

  @ParentCommand SearchCli cli;
  @Spec CommandSpec spec;
  @Mixin CriteriaOptions criteria;

  @Override
  public Integer call() throws Exception {
    ApiClient api = cli.client(spec.commandLine().getErr());
    JsonNode stats = criteria.byIdNumber() ? api.postJson("v1/trace/stats", criteria.params())
        : api.getJson("v1/trace/stats", criteria.params());
    spec.commandLine().getOut().println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(stats));
    return 0;
  }
}
