package org.qianhe.batch.paper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.cli.ExitCodes;
import org.qianhe.batch.cli.JobRunner;
import org.qianhe.paper.scan.ScanBatch;
import org.qianhe.review.SkipLog;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** What {@code migrate-paper} and {@code stage-reviewed} launch, and what they print at the end. */
@Component
public class PaperJobs {

  private final JobRunner runner;
  private final Job migratePaperJob;
  private final Job stageReviewedJob;
  private final ArchiveStorage storage;
  private final PaperServices services;
  private final PaperProgress paperProgress;
  private final Progress progress;

  PaperJobs(JobRunner runner, @Qualifier("migratePaperJob") Job migratePaperJob,
      @Qualifier("stageReviewedJob") Job stageReviewedJob, ArchiveStorage storage, PaperServices services,
      PaperProgress paperProgress, Progress progress) {
    this.runner = runner;
    this.migratePaperJob = migratePaperJob;
    this.stageReviewedJob = stageReviewedJob;
    this.storage = storage;
    this.services = services;
    this.paperProgress = paperProgress;
    this.progress = progress;
  }

  public int migrate(Path batchDir) {
    Path dir = batchDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      progress.line("migrate-paper: " + dir + " is not a folder");
      return ExitCodes.USAGE;
    }
    try {
      // what every page needs, checked before the first page is read: a clear error, nothing written
      services.keys();
      services.evidence();
      services.reviews();
    } catch (RuntimeException e) {
      progress.line("migrate-paper: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    String inputs;
    try {
      inputs = PaperBatch.fingerprint(dir, ScanBatch.list(dir));
    } catch (IOException e) {
      progress.line("migrate-paper: cannot list " + dir + ": " + e.getClass().getSimpleName());
      return ExitCodes.FAILED;
    }
    JobParameters parameters = new JobParametersBuilder()
        .addString("batch", dir.toString())
        .addString("root", storage.root())
        .addString("inputs", inputs)
        .toJobParameters();
    progress.line("migrate-paper " + dir + " into " + storage.root());
    JobRunner.Launch launch = runner.run(migratePaperJob, parameters);
    if (launch.execution() != null) {
      progress.line("migrate-paper: " + paperProgress.summary());
    }
    String name = PaperBatch.name(dir);
    List<SkipLog.Entry> skipped = services.skips().of(name);
    if (!skipped.isEmpty()) {
      progress.line("migrate-paper: skip log of batch " + name + " (" + skipped.size() + "):");
      skipped.forEach(entry -> progress.line("  " + entry.fileName() + (entry.page() > 0 ? " page " + entry.page() : "")
          + ": " + entry.reason()));
    }
    progress.line("migrate-paper: " + outcome(launch));
    return launch.exitCode();
  }

  public int stageReviewed() {
    JobParameters parameters = new JobParametersBuilder()
        .addString("root", storage.root())
        .addLong("run", System.currentTimeMillis())
        .toJobParameters();
    JobRunner.Launch launch = runner.run(stageReviewedJob, parameters);
    progress.line("stage-reviewed: " + outcome(launch));
    return launch.exitCode();
  }

  private static String outcome(JobRunner.Launch launch) {
    if (launch.execution() == null) {
      return launch.message();
    }
    String status = launch.execution().getStatus().toString();
    return launch.message().isEmpty() ? status : status + ": " + launch.message();
  }
}
