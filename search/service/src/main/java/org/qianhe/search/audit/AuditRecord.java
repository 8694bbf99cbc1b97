package org.qianhe.search.audit;

import java.time.Instant;

/**
 * One row of the audit log as stored.
 *
 * @param prevHash the row hash of the row before ({@link AuditHash#GENESIS} for the first)
 * @param rowHash SHA-256 over {@code prevHash} and the canonical form of this row
 */
public record AuditRecord(long seq, Instant occurredAt, String username, AuditAction action, String target,
    String summary, long resultCount, String reason, String client, String prevHash, String rowHash) {}
