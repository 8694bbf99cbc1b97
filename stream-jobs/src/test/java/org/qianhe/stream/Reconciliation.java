package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DESIGN.md section 6, checked: every record sent is in exactly one of staging, quarantine and
 * duplicates (compared as multisets of Kafka keys, so a terminal retry counts as its own event),
 * staging holds no consent twice, and Elasticsearch finds exactly the staged consents.
 */
final class Reconciliation {

  private Reconciliation() {}

  static int outputs(LiveJob live) {
    return live.stagedIds().size() + live.quarantinedKeys().size() + live.duplicateKeys().size();
  }

  static void assertExactlyOnce(LiveJob live, List<String> sentKeys, String elasticsearchUrl) {
    List<String> staged = live.stagedIds();
    List<String> quarantined = live.quarantinedKeys();
    List<String> duplicates = live.duplicateKeys();

    assertThat(staged).as("staged consents").doesNotHaveDuplicates();
    List<String> all = new ArrayList<>(staged);
    all.addAll(quarantined);
    all.addAll(duplicates);
    assertThat(all).as("every record sent in exactly one output").containsExactlyInAnyOrderElementsOf(sentKeys);

    assertThat(live.searchable(elasticsearchUrl, staged)).as("searchable staged consents").isEqualTo(staged.size());
    Set<String> notStaged = new HashSet<>(quarantined);
    notStaged.addAll(duplicates);
    notStaged.removeAll(staged);
    notStaged.remove(null);
    assertThat(live.searchable(elasticsearchUrl, List.copyOf(notStaged))).as("searchable others").isZero();
  }
}
