package org.qianhe.batch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.qianhe.batch.BatchJobsApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code batch-jobs} command line. Options that start with {@code --qianhe.}, {@code --spring.}
 * or {@code --logging.} are Spring configuration; the rest is the command. Spring starts only
 * when a command runs, so {@code --help} needs no database.
 */
@Command(name = "batch-jobs", mixinStandardHelpOptions = true,
    subcommands = {CompactCommand.class, VerifyCommand.class, NightlyCommand.class, ReindexCommand.class, RetentionCommand.class,
        MigratePaperCommand.class, StageReviewedCommand.class},
    description = "Nightly jobs of the Qianhe consent archive.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done, or nothing to do; verification clean",
        "1:a job failed (rerun resumes it)",
        "2:usage or configuration error",
        "3:verification found mismatches",
        "4:the same job is running in another live process"})
public final class BatchCli implements java.util.concurrent.Callable<Integer> {

  private final String[] springArgs;
  private ConfigurableApplicationContext context;

  BatchCli(String[] springArgs) {
    this.springArgs = springArgs;
  }

  public static int run(String... args) {
    List<String> spring = new ArrayList<>();
    List<String> command = new ArrayList<>();
    for (String arg : args) {
      (arg.startsWith("--qianhe.") || arg.startsWith("--spring.") || arg.startsWith("--logging.") ? spring : command).add(arg);
    }
    BatchCli cli = new BatchCli(spring.toArray(String[]::new));
    CommandLine line = new CommandLine(cli);
    line.setExecutionExceptionHandler((error, commandLine, parsed) -> {
      commandLine.getErr().println("batch-jobs: " + JobRunner.rootMessage(error));
      return error instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILED;
    });
    try {
      return line.execute(command.toArray(String[]::new));
    } finally {
      cli.close();
    }
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.err);
    return ExitCodes.USAGE;
  }

  <T> T bean(Class<T> type) {
    if (context == null) {
      SpringApplication application = new SpringApplication(BatchJobsApplication.class);
      application.setWebApplicationType(WebApplicationType.NONE);
      application.setBannerMode(Banner.Mode.OFF);
      application.setDefaultProperties(Map.of("spring.config.name", "batch"));
      context = application.run(springArgs);
    }
    return context.getBean(type);
  }

  private void close() {
    if (context != null) {
      context.close();
    }
  }
}
