package org.qianhe.batch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "reindex", mixinStandardHelpOptions = true,
    description = "Rebuild the Elasticsearch index from the archive into a new index, check counts per region-day, swap the alias.")
final class ReindexCommand implements Callable<Integer> {

  @ParentCommand BatchCli cli;

  @Override
  public Integer call() {
    return cli.bean(Jobs.class).reindex();
  }
}
