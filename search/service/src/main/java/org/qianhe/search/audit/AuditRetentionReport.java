package org.qianhe.search.audit;

import java.time.Instant;
import java.time.Period;

/**
 * What an audit retention run removed, or would remove.
 *
 * @param applied whether rows were removed (false for a dry run, or when none were due)
 * @param retention how long rows are kept
 * @param cutoff rows that occurred before this instant are due
 * @param rows rows removed, or due on a dry run
 * @param firstKeptSeq where the chain starts afterwards
 */
public record AuditRetentionReport(boolean applied, Period retention, Instant cutoff, long rows, long firstKeptSeq) {}
