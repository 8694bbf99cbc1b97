package org.qianhe.batch.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.qianhe.model.validation.ConsentValidator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "retention", mixinStandardHelpOptions = true,
    description = "Find (--dry-run) or remove (--apply) archived records past the retention policy.")
final class RetentionCommand implements Callable<Integer> {

  @ParentCommand BatchCli cli;

  static final class Mode {
    @Option(names = "--dry-run", required = true, description = "report what is past the policy, remove nothing") boolean dryRun;
    @Option(names = "--apply", required = true, description = "remove it") boolean apply;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") Mode mode;

  @Option(names = "--as-of", paramLabel = "yyyy-MM-dd", description = "day the policy is applied on (default: today, clinic time)")
  LocalDate asOf;

  @Override
  public Integer call() {
    LocalDate day = asOf != null ? asOf : LocalDate.now(ConsentValidator.CLINIC_ZONE);
    return cli.bean(Jobs.class).retention(day, mode.apply);
  }
}
