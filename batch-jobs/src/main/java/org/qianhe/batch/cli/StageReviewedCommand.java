package org.qianhe.batch.cli;

import java.util.concurrent.Callable;
import org.qianhe.batch.paper.PaperJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "stage-reviewed", mixinStandardHelpOptions = true,
    description = "Stage and index the paper pages reviewers approved since the last run.")
final class StageReviewedCommand implements Callable<Integer> {

  @ParentCommand BatchCli cli;

  @Override
  public Integer call() {
    return cli.bean(PaperJobs.class).stageReviewed();
  }
}
