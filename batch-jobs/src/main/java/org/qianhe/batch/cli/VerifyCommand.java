package org.qianhe.batch.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Recompute digests and Merkle roots of archive partitions and report authenticity, integrity, usability, security.")
final class VerifyCommand implements Callable<Integer> {

  @ParentCommand BatchCli cli;

  @Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd") LocalDate from;
  @Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd") LocalDate to;
  @Option(names = "--region", paramLabel = "CODE", description = "one 6-digit region code (default: all regions)") String region;

  @Override
  public Integer call() {
    Regions.check(region);
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    return cli.bean(Jobs.class).verify(from, to, region);
  }
}
