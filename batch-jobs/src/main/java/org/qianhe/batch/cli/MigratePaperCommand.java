package org.qianhe.batch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qianhe.batch.paper.PaperJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "migrate-paper", mixinStandardHelpOptions = true,
    description = "Read a folder of scanned paper consents: accepted pages to staging and the search index, "
        + "doubtful ones to the review queue, unreadable files to the skip log; then stage approved reviews.")
final class MigratePaperCommand implements Callable<Integer> {

  @ParentCommand BatchCli cli;

  @Option(names = "--batch", required = true, paramLabel = "DIR",
      description = "the scan batch folder (PDF, TIFF, PNG, JPEG; optional manifest.csv)")
  Path batch;

  @Override
  public Integer call() {
    return cli.bean(PaperJobs.class).migrate(batch);
  }
}
