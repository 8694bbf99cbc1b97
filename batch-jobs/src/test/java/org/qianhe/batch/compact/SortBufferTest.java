package org.qianhe.batch.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast sort key gives exactly the archive order, and dedup keeps the right record. */
class SortBufferTest {

  private static Entry entry(Random random, String consentId) {
    // few values per key, so that ties on site, vaccine, lot and time all occur
    return new Entry(consentId, "site" + random.nextInt(3), "v" + random.nextInt(3), "lot" + random.nextInt(4),
        "key", 1_000 + random.nextInt(20), random.nextInt(1000), false, false, new byte[0],
        new byte[] {(byte) random.nextInt(256)});
  }

  @Test
  void sortsInTheArchiveOrder() {
    Random random = new Random(7);
    SortBuffer buffer = new SortBuffer(Long.MAX_VALUE, "test");
    List<Entry> all = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      Entry entry = entry(random, String.format("c-%05d", random.nextInt(100_000)));
      buffer.add(entry);
      all.add(entry);
    }
    List<Entry> expected = new ArrayList<>(all.stream()
        .collect(java.util.stream.Collectors.toMap(Entry::consentId, e -> e, (a, b) -> Entry.KEEP_FIRST.compare(a, b) <= 0 ? a : b))
        .values());
    expected.sort(Entry.ARCHIVE_ORDER);

    List<Entry> sorted = buffer.sorted();

    assertThat(buffer.duplicates()).isPositive();
    assertThat(sorted).containsExactlyElementsOf(expected);
  }
}
