package org.qianhe.search.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.search.TestKeys;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.terminal.simulator.ConsentGenerator;

/**
 * Millions of consent documents, fast: a few thousand real ones (terminal simulator, made into
 * records as ingest does, projected by {@link ConsentDocuments}) serve as templates, and each
 * generated document is a shallow copy of one with its identity, time, place, lot and people
 * changed. About a microsecond each instead of the tens a sealed record costs.
 *
 * <p>Shapes that the trace queries meet: {@link #LOTS_PER_VACCINE} lots per vaccine, children
 * with about {@link #DOSES_PER_CHILD} consents each, {@link #SITES_PER_REGION} sites per district
 * with one terminal each, two years of consents.
 */
final class SyntheticConsents {

  static final int TEMPLATES = 2000;
  static final int LOTS_PER_VACCINE = 200;
  static final int SITES_PER_REGION = 20;
  static final int DOSES_PER_CHILD = 5;
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final long SPAN_MILLIS = 730L * 24 * 3600 * 1000;

  private final List<Map<String, Object>> templates = new ArrayList<>(TEMPLATES);
  private final List<String> vaccines;
  private final List<String> regions;
  private final long seed;

  SyntheticConsents(long seed) {
    this.seed = seed;
    ConsentGenerator generator = new ConsentGenerator(seed, START.plusMillis(SPAN_MILLIS));
    for (int i = 0; i < TEMPLATES; i++) {
      ConsentRecord record = ConsentRecords.fromUpload(generator.next(), START, TestKeys.protector());
      templates.add(ConsentDocuments.toDocument(record));
    }
    vaccines = templates.stream().map(t -> (String) t.get("vaccineCode")).distinct().sorted().toList();
    regions = templates.stream().map(t -> (String) t.get("regionCode")).distinct().sorted().toList();
  }

  List<String> vaccines() {
    return vaccines;
  }

  List<String> regions() {
    return regions;
  }

  static String consentId(long i) {
    return new UUID(0x5e4c4b0000004000L | (i >>> 48), 0x8000000000000000L | (i & 0xFFFFFFFFFFFFL)).toString();
  }

  static String lot(String vaccine, int n) {
    return vaccine.toUpperCase().replace("-", "") + "24" + (char) ('A' + n % 26) + String.format("%03d", n);
  }

  static String site(String region, int n) {
    return ConsentGenerator.siteCode(region, 1 + n);
  }

  static String terminal(String site) {
    return ConsentGenerator.terminalId(site, 1);
  }

  /** Blind-index-shaped key (64 hex) of child or guardian number {@code n}. */
  static String personKey(char kind, long n) {
    String h = Long.toHexString(n * 0x9E3779B97F4A7C15L ^ kind);
    String padded = "0".repeat(16 - h.length()) + h;
    return (kind == 'c' ? "1" : "2") + padded.substring(1) + padded + padded + padded;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> document(long i) {
    SplittableRandom r = new SplittableRandom(seed * 31 + i);
    Map<String, Object> t = templates.get((int) (i % TEMPLATES));
    Map<String, Object> doc = new LinkedHashMap<>(t);
    String id = consentId(i);
    doc.put("consentId", id);
    Instant occurred = START.plusMillis(r.nextLong(SPAN_MILLIS));
    doc.put("occurredAt", occurred.toString());
    doc.put("receivedAt", occurred.plusMillis(500 + r.nextInt(30_000)).toString());
    String region = (String) t.get("regionCode");
    String site = site(region, r.nextInt(SITES_PER_REGION));
    doc.put("siteCode", site);
    doc.put("terminalId", terminal(site));
    doc.put("lotNumber", lot((String) t.get("vaccineCode"), r.nextInt(LOTS_PER_VACCINE)));
    long child = i / DOSES_PER_CHILD;
    Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) t.get("child"));
    c.put("key", personKey('c', child));
    doc.put("child", c);
    Map<String, Object> g = new LinkedHashMap<>((Map<String, Object>) t.get("guardian"));
    g.put("key", personKey('g', child / 2));
    doc.put("guardian", g);
    return doc;
  }
}
