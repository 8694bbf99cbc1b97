package org.qianhe.batch.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "compact", mixinStandardHelpOptions = true,
    description = "Merge a day's staged files into the archive partitions: dedup, sort, Parquet + manifest, atomic swap.")
final class CompactCommand implements Callable<Integer> {

  @ParentCommand BatchCli cli;

  @Option(names = "--date", required = true, paramLabel = "yyyy-MM-dd", description = "vaccination day to compact")
  LocalDate date;

  @Option(names = "--region", paramLabel = "CODE", description = "one 6-digit region code (default: all regions)")
  String region;

  @Override
  public Integer call() {
    Regions.check(region);
    return cli.bean(Jobs.class).compact(date, region);
  }
}
