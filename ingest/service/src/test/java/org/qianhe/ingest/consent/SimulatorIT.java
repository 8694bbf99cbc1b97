package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.qianhe.ingest.keys.AdminToken;
import org.qianhe.terminal.simulator.Simulator;
import picocli.CommandLine;

/** The simulator CLI: registers its terminals through the admin endpoint, then every consent gets a receipt. */
@org.junit.jupiter.api.extension.ExtendWith(RunningIngest.Lifecycle.class)
class SimulatorIT {

  @Test
  void theSimulatorRegistersItsTerminalsAndUploadsUntilEveryConsentHasAReceipt() throws Exception {
    RunningIngest ingest = RunningIngest.get();
    Path dir = Files.createTempDirectory(ingest.dataDir, "simulator");
    java.util.Map<TopicPartition, Long> before = ingest.endOffsets();

    int exit = new CommandLine(new Simulator()).execute("--url", ingest.baseUri.toString(), "--count", "12",
        "--terminals", "3", "--seed", String.valueOf(System.nanoTime()), "--dir", dir.toString(), "--wait", "2m",
        "--register", "--admin-token-file", ingest.dataDir.resolve(AdminToken.FILE).toString(), "--duplicates", "0.5");

    assertThat(exit).isZero();
    assertThat(ingest.recordsSince(before, 12)).extracting(r -> r.key()).doesNotHaveDuplicates();
  }
}
