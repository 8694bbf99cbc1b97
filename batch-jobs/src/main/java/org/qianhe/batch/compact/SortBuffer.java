package org.qianhe.batch.compact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The records of one partition in memory: deduplicated on consentId, then sorted. */
final class SortBuffer {

  private final Map<String, Entry> byId = new HashMap<>();
  private final long limitBytes;
  private final String partition;
  private long bytes;
  private long duplicates;

  SortBuffer(long limitBytes, String partition) {
    this.limitBytes = limitBytes;
    this.partition = partition;
  }

  void add(Entry entry) {
    Entry kept = byId.get(entry.consentId());
    if (kept == null) {
      bytes += entry.heapBytes();
      if (bytes > limitBytes) {
        throw new IllegalStateException("partition " + partition + " holds more than "
            + limitBytes / (1024 * 1024) + " MB of records, the in-memory sort limit; raise "
            + "qianhe.batch.compact.sort-memory (and the heap) to compact it");
      }
      byId.put(entry.consentId(), entry);
      return;
    }
    duplicates++;
    if (Entry.KEEP_FIRST.compare(entry, kept) < 0) {
      byId.put(entry.consentId(), entry);
    }
  }

  long duplicates() {
    return duplicates;
  }

  List<Entry> sorted() {
    List<Entry> entries = new ArrayList<>(byId.values());
    entries.sort(Entry.ARCHIVE_ORDER);
    return entries;
  }
}
