package org.qianhe.stream.kafka;

/**
 * Headers the replay command puts on a quarantined consent it re-injects into consent.raw. The
 * value stays the original bytes; the headers say where it came from, so that a replay is
 * traceable and the job can tell a re-injection from a terminal's retry.
 */
public final class ReplayHeaders {

  /** The reason codes the record was quarantined with (comma-separated), copied from its quarantine header. */
  public static final String REASONS = "qianhe-replay-reasons";
  /** {@code topic/partition/offset} of the quarantine record it was taken from. */
  public static final String SOURCE = "qianhe-replayed-from";

  private ReplayHeaders() {}
}
