package org.qianhe.search.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditHashTest {

  private static final String PREV = "ab".repeat(32);

  @Test
  void isSha256HexAndDependsOnEveryFieldAndThePreviousHash() {
    String base = AuditHash.of(PREV, 7, 1_750_000_000_000L, "alice", AuditAction.SEARCH, null, "lot=A", 3, null, "10.0.0.1");

    assertThat(base).hasSize(64).matches("[0-9a-f]+");
    assertThat(AuditHash.of(PREV, 7, 1_750_000_000_000L, "alice", AuditAction.SEARCH, null, "lot=A", 3, null, "10.0.0.1"))
        .isEqualTo(base);
    assertThat(AuditHash.of(AuditHash.GENESIS, 7, 1_750_000_000_000L, "alice", AuditAction.SEARCH, null, "lot=A", 3, null, "10.0.0.1"))
        .isNotEqualTo(base);
    assertThat(AuditHash.of(PREV, 8, 1_750_000_000_000L, "alice", AuditAction.SEARCH, null, "lot=A", 3, null, "10.0.0.1"))
        .isNotEqualTo(base);
    assertThat(AuditHash.of(PREV, 7, 1_750_000_000_001L, "alice", AuditAction.SEARCH, null, "lot=A", 3, null, "10.0.0.1"))
        .isNotEqualTo(base);
    assertThat(AuditHash.of(PREV, 7, 1_750_000_000_000L, "alice", AuditAction.EXPORT, null, "lot=A", 3, null, "10.0.0.1"))
        .isNotEqualTo(base);
    assertThat(AuditHash.of(PREV, 7, 1_750_000_000_000L, "alice", AuditAction.SEARCH, null, "lot=A", 4, null, "10.0.0.1"))
        .isNotEqualTo(base);
    assertThat(AuditHash.of(PREV, 7, 1_750_000_000_000L, "alice", AuditAction.SEARCH, null, "lot=A", 3, "why", "10.0.0.1"))
        .isNotEqualTo(base);
  }

  /** Length prefixes keep field boundaries: moving text from one field to the next changes the hash. */
  @Test
  void fieldBoundariesCannotBeShifted() {
    assertThat(AuditHash.of(PREV, 1, 0, "ab", AuditAction.VIEW, "c", "d", 0, null, null))
        .isNotEqualTo(AuditHash.of(PREV, 1, 0, "a", AuditAction.VIEW, "bc", "d", 0, null, null));
    assertThat(AuditHash.of(PREV, 1, 0, "a", AuditAction.VIEW, null, "d", 0, null, null))
        .isNotEqualTo(AuditHash.of(PREV, 1, 0, "a", AuditAction.VIEW, "", "d", 0, null, null));
  }
}
