package org.qianhe.batch.compact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

  /**
   * The records in the archive order ({@link Entry#ARCHIVE_ORDER}). Site, vaccine and lot are each
   * ranked once over their distinct values (a few to a few thousand per partition), so most
   * comparisons of the sort are of ints and a long rather than of three strings.
   */
  List<Entry> sorted() {
    Entry[] all = byId.values().toArray(new Entry[0]);
    Map<String, Integer> sites = ranks(all, Entry::siteCode);
    Map<String, Integer> vaccines = ranks(all, Entry::vaccineCode);
    Map<String, Integer> lots = ranks(all, Entry::lotNumber);
    Ranked[] ranked = new Ranked[all.length];
    int i = 0;
    for (Entry entry : all) {
      ranked[i++] = new Ranked(sites.get(entry.siteCode()), vaccines.get(entry.vaccineCode()), lots.get(entry.lotNumber()),
          entry.occurredAt(), entry);
    }
    Arrays.sort(ranked);
    List<Entry> entries = new ArrayList<>(ranked.length);
    for (Ranked entry : ranked) {
      entries.add(entry.entry());
    }
    return entries;
  }

  /** Each distinct value of the field with its position in string order. */
  private static Map<String, Integer> ranks(Entry[] entries, Function<Entry, String> field) {
    Map<String, Integer> ranks = new HashMap<>();
    for (Entry entry : entries) {
      ranks.putIfAbsent(field.apply(entry), 0);
    }
    List<String> distinct = new ArrayList<>(ranks.keySet());
    distinct.sort(null);
    for (int rank = 0; rank < distinct.size(); rank++) {
      ranks.put(distinct.get(rank), rank);
    }
    return ranks;
  }

  /** An entry with the ranks of its site, vaccine and lot. */
  private record Ranked(int site, int vaccine, int lot, long occurredAt, Entry entry) implements Comparable<Ranked> {
    @Override
    public int compareTo(Ranked other) {
      int order = Integer.compare(site, other.site);
      if (order == 0) {
        order = Integer.compare(vaccine, other.vaccine);
      }
      if (order == 0) {
        order = Integer.compare(lot, other.lot);
      }
      if (order == 0) {
        order = Long.compare(occurredAt, other.occurredAt);
      }
      return order != 0 ? order : entry.consentId().compareTo(other.entry.consentId());
    }
  }
}
