package org.qianhe.batch.cli;

import java.io.IOException;
import java.time.LocalDate;
import org.qianhe.batch.BatchJobsProperties;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.compact.CompactJobConfiguration;
import org.qianhe.batch.compact.StagingScan;
import org.qianhe.batch.retention.RetentionJobConfiguration;
import org.qianhe.batch.verify.VerifyJobConfiguration;
import org.qianhe.batch.verify.VerifyReport;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** What each command launches, with which job parameters, and how the outcome becomes an exit code. */
@Component
public class Jobs {

  private final JobRunner runner;
  private final Job compactJob;
  private final Job verifyJob;
  private final Job reindexJob;
  private final Job retentionJob;
  private final int retentionYears;
  private final boolean evidenceConfigured;
  private final String elasticsearchUrl;
  private final ArchiveStorage storage;
  private final Progress progress;

  Jobs(JobRunner runner, @Qualifier("compactJob") Job compactJob, @Qualifier("verifyJob") Job verifyJob,
      @Qualifier("reindexJob") Job reindexJob, @Qualifier("retentionJob") Job retentionJob, ArchiveStorage storage,
      BatchJobsProperties properties, Progress progress) {
    this.retentionJob = retentionJob;
    this.retentionYears = properties.retention().yearsAfterLotExpiry();
    this.evidenceConfigured = properties.evidence().configured();
    this.reindexJob = reindexJob;
    this.elasticsearchUrl = properties.elasticsearch().url();
    this.runner = runner;
    this.compactJob = compactJob;
    this.verifyJob = verifyJob;
    this.storage = storage;
    this.progress = progress;
  }

  public int compact(LocalDate date, String region) {
    String regions = region == null ? CompactJobConfiguration.ALL_REGIONS : region;
    String inputs;
    try {
      inputs = new StagingScan(storage).fingerprint(date, region);
    } catch (IOException e) {
      progress.line("compact " + date + ": FAILED, cannot list staging under " + storage.root() + ": " + e.getMessage());
      return ExitCodes.FAILED;
    }
    JobParameters parameters = new JobParametersBuilder()
        .addString("root", storage.root())
        .addString("date", date.toString())
        .addString("region", regions)
        .addString("inputs", inputs)
        .toJobParameters();
    progress.line("compact " + date + " region " + regions + " under " + storage.root());
    long started = System.nanoTime();
    JobRunner.Launch launch = runner.run(compactJob, parameters);
    progress.line("compact " + date + ": " + outcome(launch) + String.format(" [%.1f s]", (System.nanoTime() - started) / 1e9));
    return launch.exitCode();
  }

  public int verify(LocalDate from, LocalDate to, String region) {
    JobParameters parameters = new JobParametersBuilder()
        .addString("root", storage.root())
        .addString("from", from.toString())
        .addString("to", to.toString())
        .addString("region", region == null ? "*" : region)
        .addLong("run", System.currentTimeMillis())
        .toJobParameters();
    progress.line("verify " + from + ".." + to + " under " + storage.root());
    JobRunner.Launch launch = runner.run(verifyJob, parameters);
    if (launch.execution() == null || launch.exitCode() != ExitCodes.OK) {
      progress.line("verify: " + outcome(launch));
      return launch.exitCode();
    }
    VerifyReport report = launch.execution().getStepExecutions().stream()
        .filter(step -> step.getStepName().equals(VerifyJobConfiguration.STEP))
        .findFirst().map(VerifyJobConfiguration::reportOf).orElse(VerifyReport.empty());
    report.lines().forEach(progress::line);
    return report.mismatches() == 0 ? ExitCodes.OK : ExitCodes.MISMATCHES;
  }

  public int reindex() {
    JobParameters parameters = new JobParametersBuilder()
        .addString("root", storage.root())
        .addString("elasticsearch", elasticsearchUrl)
        .addLong("run", System.currentTimeMillis())
        .toJobParameters();
    progress.line("reindex " + storage.root() + " into " + elasticsearchUrl);
    long started = System.nanoTime();
    JobRunner.Launch launch = runner.run(reindexJob, parameters);
    progress.line("reindex: " + outcome(launch) + String.format(" [%.1f s]", (System.nanoTime() - started) / 1e9));
    return launch.exitCode();
  }

  public int retention(LocalDate asOf, boolean apply) {
    if (apply && !evidenceConfigured) {
      // Removing records without their evidence would orphan it: its address is derived from the record.
      progress.line("retention --apply: no evidence store configured (qianhe.batch.evidence.root, .keystore): "
          + "the evidence of removed records could never be found again; nothing removed");
      return ExitCodes.USAGE;
    }
    JobParameters parameters = new JobParametersBuilder()
        .addString("root", storage.root())
        .addString("asOf", asOf.toString())
        .addString("apply", Boolean.toString(apply))
        .addLong("run", System.currentTimeMillis())
        .toJobParameters();
    progress.line("retention " + (apply ? "--apply" : "--dry-run") + " as of " + asOf + ": records kept " + retentionYears
        + " years after their lot's expiry, partitions before " + asOf.minusYears(retentionYears));
    JobRunner.Launch launch = runner.run(retentionJob, parameters);
    if (launch.execution() == null || launch.exitCode() != ExitCodes.OK) {
      progress.line("retention: " + outcome(launch));
      return launch.exitCode();
    }
    RetentionJobConfiguration.Totals totals = launch.execution().getStepExecutions().stream()
        .filter(step -> step.getStepName().equals(RetentionJobConfiguration.STEP)).findFirst()
        .map(RetentionJobConfiguration::totalsOf).orElse(RetentionJobConfiguration.Totals.NONE);
    String objects = !evidenceConfigured ? "evidence store not configured"
        : totals.evidenceObjects() + " evidence objects " + (apply ? "deleted" : "stored");
    progress.line("retention as of " + asOf + ": " + totals.partitions() + " partition(s), " + totals.rows() + " rows checked, "
        + totals.removable() + " records past the policy (" + totals.evidenceRefs() + " evidence references, " + objects + "); "
        + (apply ? "removed from " + totals.partitionsChanged() + " partition(s), disposal records under archive/_disposals/"
            : "dry run, nothing removed"));
    progress.line("retention: the audit log (3 years) is the search service's and not handled by this job");
    return ExitCodes.OK;
  }

  private static String outcome(JobRunner.Launch launch) {
    if (launch.execution() == null) {
      return launch.message();
    }
    String status = launch.execution().getStatus().toString();
    return launch.message().isEmpty() ? status : status + ": " + launch.message();
  }
}
