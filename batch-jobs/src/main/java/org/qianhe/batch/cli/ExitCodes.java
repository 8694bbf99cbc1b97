package org.qianhe.batch.cli;

/** Exit codes of the CLI, for cron and schedulers: zero only when the archive is in order. */
public final class ExitCodes {

  /** The job completed (or there was nothing to do) and verification found no mismatch. */
  public static final int OK = 0;
  /** A job failed; the output says which partition and why. Rerun after fixing: it resumes. */
  public static final int FAILED = 1;
  /** Wrong command line or configuration. */
  public static final int USAGE = 2;
  /** Verification found mismatches. */
  public static final int MISMATCHES = 3;
  /** The same job is running in another live process. */
  public static final int BUSY = 4;

  private ExitCodes() {}
}
