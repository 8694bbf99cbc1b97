package org.qianhe.search.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The people of one consent in clear (TRACE_OFFICER; the reason is recorded in the audit log). */
@Command(name = "unmask", mixinStandardHelpOptions = true, description = "The identity behind one consent (trace officers; audited with the reason).")
class UnmaskCommand implements Callable<Integer> {

  @ParentCommand SearchCli cli;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "consent id") String consentId;

  @Option(names = "--reason", required = true, description = "why the identity is needed (recorded in the audit log)")
  String reason;

  @Override
  public Integer call() throws Exception {
    ApiClient api = cli.client(spec.commandLine().getErr());
    spec.commandLine().getErr().println("this access is recorded in the audit log");
    spec.commandLine().getOut().println(ApiClient.JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(api.postJson("v1/consents/" + consentId + "/unmask", Map.of("reason", reason))));
    return 0;
  }
}
