package org.qianhe.terminal.simulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.qianhe.terminal.client.ConsentClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line terminal simulator: uploads generated consents to an ingest service. */
@Command(name = "qianhe-simulator", mixinStandardHelpOptions = true,
    description = "Uploads realistic generated consents to a Qianhe ingest service.")
public final class Simulator implements Callable<Integer> {

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8081", description = "ingest base URL (default: ${DEFAULT-VALUE})")
  URI url;

  @Option(names = "--count", defaultValue = "100", description = "consents to upload (default: ${DEFAULT-VALUE})")
  int count;

  @Option(names = "--seed", defaultValue = "42", description = "random seed; the same seed gives the same consents")
  long seed;

  @Override
  public Integer call() throws Exception {
    ConsentGenerator generator = new ConsentGenerator(seed, Instant.now());
    ConsentClient client = new ConsentClient(url, Duration.ofSeconds(10));
    int accepted = 0;
    for (int i = 1; i <= count; i++) {
      ConsentClient.UploadResult result = client.upload(generator.next());
      if (result.accepted()) {
        accepted++;
      } else {
        System.err.printf("upload %d refused with %d: %s%n", i, result.status(), result.body());
      }
      if (i % 100 == 0 || i == count) {
        System.out.printf("%d/%d uploaded, %d accepted%n", i, count, accepted);
      }
    }
    return accepted == count ? 0 : 1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Simulator()).execute(args));
  }
}
