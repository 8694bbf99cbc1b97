package org.qianhe.search.cli;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * One piece of a consent's evidence as the service shows it: a watermarked JPEG or PNG (a
 * fingerprint as a drawing), written to a file (TRACE_OFFICER; the reason is recorded in the audit
 * log). The evidence ids are in {@code show}'s answer.
 */
@Command(name = "evidence", mixinStandardHelpOptions = true,
    description = "One evidence item of a consent as a watermarked image file (trace officers; audited with the reason).")
class EvidenceCommand implements Callable<Integer> {

  @ParentCommand SearchCli cli;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "consent id") String consentId;
  @Parameters(index = "1", description = "evidence id (see: show <consentId>)") String evidenceId;

  @Option(names = "--reason", required = true, description = "why the evidence is needed (recorded in the audit log)")
  String reason;

  @Option(names = {"-o", "--output"}, required = true, description = "image file to write (.jpg or .png, as the service answers)")
  Path output;

  @Override
  public Integer call() throws Exception {
    ApiClient api = cli.client(spec.commandLine().getErr());
    spec.commandLine().getErr().println("this access is recorded in the audit log");
    HttpResponse<byte[]> image = api.postForBytes("v1/consents/" + consentId + "/evidence/" + evidenceId,
        Map.of("reason", reason), "image/jpeg, image/png");
    Path partial = output.resolveSibling(output.getFileName() + ".part");
    Files.write(partial, image.body());
    Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    spec.commandLine().getErr().printf("wrote %s (%s, %d bytes, watermarked)%n", output,
        image.headers().firstValue("Content-Type").orElse("?"), image.body().length);
    return 0;
  }
}
