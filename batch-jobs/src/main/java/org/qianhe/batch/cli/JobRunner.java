package org.qianhe.batch.cli;

import org.qianhe.batch.ExecutionOwner;
import org.qianhe.batch.Progress;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Starts a job the way a cron run needs it: executions left STARTED by a killed process are
 * recovered first ({@code JobOperator.recover}, Spring Batch 6), then the job instance of these
 * parameters is started, or restarted where it failed.
 */
@Component
public class JobRunner {

  /** How a launch ended. {@code execution} is null when the instance had already completed. */
  public record Launch(JobExecution execution, int exitCode, String message) {}

  private final JobOperator operator;
  private final JobRepository repository;
  private final Progress progress;

  JobRunner(JobOperator operator, JobRepository repository, Progress progress) {
    this.operator = operator;
    this.repository = repository;
    this.progress = progress;
  }

  public Launch run(Job job, JobParameters parameters) {
    for (JobExecution running : repository.findRunningJobExecutions(job.getName())) {
      JobExecution execution = repository.getJobExecution(running.getId());
      if (ExecutionOwner.isDead(execution)) {
        progress.line(job.getName() + ": execution " + execution.getId() + " of a process that is gone ("
            + ExecutionOwner.describe(execution) + ") marked FAILED so it can be restarted");
        operator.recover(execution);
      }
    }
    try {
      JobExecution execution = operator.start(job, parameters);
      boolean completed = execution.getStatus() == org.springframework.batch.core.BatchStatus.COMPLETED;
      String message = completed ? "" : execution.getAllFailureExceptions().stream()
          .map(JobRunner::rootMessage).distinct().reduce((a, b) -> a + "; " + b).orElse(execution.getExitStatus().getExitDescription());
      return new Launch(execution, completed ? ExitCodes.OK : ExitCodes.FAILED, message);
    } catch (JobInstanceAlreadyCompleteException e) {
      return new Launch(null, ExitCodes.OK, "already completed with these inputs; nothing to do");
    } catch (JobExecutionAlreadyRunningException e) {
      return new Launch(null, ExitCodes.BUSY, "already running in another live process");
    } catch (Exception e) {
      return new Launch(null, ExitCodes.FAILED, rootMessage(e));
    }
  }

  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
