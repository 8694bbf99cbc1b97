package org.qianhe.stream.replay;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.qianhe.model.kafka.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replay-quarantine --group fix-2025-03-region-list [--reason REGION_CODE_UNKNOWN] [--dry-run]}:
 * puts quarantined consents back into consent.raw after a rule or data fix. Exit code 0 on
 * success, 1 on failure, 2 on a usage error.
 */
@Command(name = "replay-quarantine", mixinStandardHelpOptions = true,
    description = {
        "Re-injects quarantined consents into consent.raw, once per replay group.",
        "Run it after the fix is deployed (a new code list, a corrected rule, an index mapping change).",
        "The group remembers how far it got: running it again re-injects nothing new;",
        "use a new group name for a new fix."})
public final class ReplayCommand implements Callable<Integer> {

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--quarantine-topic", defaultValue = Topics.QUARANTINE, description = "Read from (default: ${DEFAULT-VALUE}).")
  String quarantineTopic;

  @Option(names = "--raw-topic", defaultValue = Topics.RAW, description = "Write to (default: ${DEFAULT-VALUE}).")
  String rawTopic;

  @Option(names = "--group", required = true,
      description = "Replay group, one per fix (e.g. fix-2025-03-region-list): its committed offsets are what was replayed.")
  String group;

  @Option(names = "--reason", split = ",", paramLabel = "CODE",
      description = "Only consents quarantined with one of these reason codes (e.g. LOT_EXPIRED,INDEX_REFUSED).")
  List<String> reasons = List.of();

  @Option(names = "--consent-id", split = ",", paramLabel = "ID", description = "Only these consents.")
  List<String> consentIds = List.of();

  @Option(names = "--dry-run", description = "Count what would be re-injected; write and commit nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    ReplayReport report = new QuarantineReplayer(
        new QuarantineReplayer.Settings(bootstrapServers, quarantineTopic, rawTopic, group))
        .replay(new ReplaySelection(Set.copyOf(reasons), Set.copyOf(consentIds)), dryRun);
    System.out.println(report);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReplayCommand()).execute(args));
  }
}
