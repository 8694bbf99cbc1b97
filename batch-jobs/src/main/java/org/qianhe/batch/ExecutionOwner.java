package org.qianhe.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Records which process runs a job execution (host and pid in its execution context), so a later
 * run can tell an execution left STARTED by a killed process from one that is still running.
 * Spring Batch itself cannot: after a {@code kill -9} the execution stays STARTED forever.
 */
public final class ExecutionOwner implements JobExecutionListener {

  private static final String HOST = "owner.host";
  private static final String PID = "owner.pid";

  private final JobRepository repository;

  public ExecutionOwner(JobRepository repository) {
    this.repository = repository;
  }

  @Override
  public void beforeJob(JobExecution execution) {
    execution.getExecutionContext().putString(HOST, host());
    execution.getExecutionContext().putLong(PID, ProcessHandle.current().pid());
    repository.updateExecutionContext(execution);
  }

  /** True when the execution's recorded process is on this host and no longer alive (or unknown). */
  public static boolean isDead(JobExecution execution) {
    ExecutionContext context = execution.getExecutionContext();
    if (!context.containsKey(PID)) {
      return true;
    }
    return host().equals(context.getString(HOST))
        && ProcessHandle.of(context.getLong(PID)).map(process -> !process.isAlive()).orElse(true);
  }

  public static String describe(JobExecution execution) {
    ExecutionContext context = execution.getExecutionContext();
    return Optional.ofNullable(context.containsKey(PID) ? context.getString(HOST) + " pid " + context.getLong(PID) : null)
        .orElse("unknown process");
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
