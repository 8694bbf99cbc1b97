package org.qianhe.search.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One consent, masked, as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "One consent, masked (JSON).")
class ShowCommand implements Callable<Integer> {

  @ParentCommand SearchCli cli;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "consent id") String consentId;

  @Override
  public Integer call() throws Exception {
    ApiClient api = cli.client(spec.commandLine().getErr());
    spec.commandLine().getOut().println(ApiClient.JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(api.getJson("v1/consents/" + consentId, Map.of())));
    return 0;
  }
}
