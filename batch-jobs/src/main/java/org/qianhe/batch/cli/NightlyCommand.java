package org.qianhe.batch.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.qianhe.model.validation.ConsentValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Compact and then verify yesterday (clinic time) for all regions.")
final class NightlyCommand implements Callable<Integer> {

  @ParentCommand BatchCli cli;

  @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "day to process (default: yesterday in the clinics' time zone)")
  LocalDate date;

  @Override
  public Integer call() {
    LocalDate day = date != null ? date : LocalDate.now(ConsentValidator.CLINIC_ZONE).minusDays(1);
    Jobs jobs = cli.bean(Jobs.class);
    int compact = jobs.compact(day, null);
    if (compact != ExitCodes.OK) {
      return compact;
    }
    return jobs.verify(day, day, null);
  }
}
