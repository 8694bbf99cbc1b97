package org.qianhe.search.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.search.TestKeys;
import org.qianhe.search.index.ConsentDocuments;
import org.qianhe.terminal.simulator.ConsentGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Millions of consent documents, fast, as the JSON bytes a bulk request carries. A few thousand
 * real consents (terminal simulator, made into records as ingest does, projected by
 * {@link ConsentDocuments}: every field of the real shape, sealed identity and evidence
 * included) are serialised once with markers where a generated document differs: identity,
 * time, site, terminal, lot and people. Each document is then those bytes with the markers
 * replaced, well under a microsecond each.
 *
 * <p>Shapes that the trace queries meet: {@link #LOTS_PER_VACCINE} lots per vaccine,
 * {@link #SITES_PER_REGION} sites per district with one terminal each, two years of consents,
 * and children with about {@link #DOSES_PER_CHILD} consents each, spread over the two years.
 * Documents come in the order they occurred (give or take a few minutes), as the pipeline
 * indexes them a second after upload; so a period's consents sit together in the index, as
 * they do in production.
 */
final class SyntheticConsents {

  static final int TEMPLATES = 2000;
  static final int LOTS_PER_VACCINE = 200;
  static final int SITES_PER_REGION = 20;
  static final int DOSES_PER_CHILD = 5;
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final long SPAN_MILLIS = 730L * 24 * 3600 * 1000;
  /** How far a consent's time may stray from the arrival order (late uploads of an offline terminal). */
  static final long JITTER_MILLIS = 15L * 60 * 1000;

  /** The fields a generated document changes, in no particular order; markers stand for them. */
  private enum Slot { CONSENT_ID, OCCURRED_AT, RECEIVED_AT, SITE, TERMINAL, LOT, CHILD_KEY, GUARDIAN_KEY }

  private static final long DAY_MILLIS = 24L * 3600 * 1000;
  /** "yyyy-MM-dd'T'" of each day of the span and a little after: formatting times by hand is 20 times faster. */
  private static final byte[][] DAYS = new byte[(int) (SPAN_MILLIS / DAY_MILLIS) + 2][];

  static {
    for (int d = 0; d < DAYS.length; d++) {
      DAYS[d] = (START.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(d) + "T").getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final List<Template> templates = new ArrayList<>(TEMPLATES);
  private final Map<String, String[]> lots = new HashMap<>();
  private final Map<String, String[]> sites = new HashMap<>();
  private final Map<String, String> terminals = new HashMap<>();
  private final List<String> vaccines;
  private final List<String> regions;
  private final long seed;
  private final long docs;

  /** @param docs how many documents will be generated: spreads them over the two years */
  SyntheticConsents(long seed, long docs) {
    this.seed = seed;
    this.docs = Math.max(1, docs);
    ConsentGenerator generator = new ConsentGenerator(seed, START.plusMillis(SPAN_MILLIS));
    JsonMapper json = JsonMapper.builder().build();
    List<Map<String, Object>> documents = new ArrayList<>(TEMPLATES);
    for (int i = 0; i < TEMPLATES; i++) {
      ConsentRecord record = ConsentRecords.fromUpload(generator.next(), START, TestKeys.protector());
      Map<String, Object> doc = ConsentDocuments.toDocument(record);
      documents.add(doc);
      templates.add(Template.of(json, doc));
    }
    vaccines = documents.stream().map(t -> (String) t.get("vaccineCode")).distinct().sorted().toList();
    regions = documents.stream().map(t -> (String) t.get("regionCode")).distinct().sorted().toList();
    for (String vaccine : vaccines) {
      lots.put(vaccine, IntStream.range(0, LOTS_PER_VACCINE).mapToObj(n -> lot(vaccine, n)).toArray(String[]::new));
    }
    for (String region : regions) {
      sites.put(region, IntStream.range(0, SITES_PER_REGION).mapToObj(n -> site(region, n)).toArray(String[]::new));
      for (String site : sites.get(region)) {
        terminals.put(site, terminal(site));
      }
    }
  }

  List<String> vaccines() {
    return vaccines;
  }

  List<String> regions() {
    return regions;
  }

  long children() {
    return Math.max(1, docs / DOSES_PER_CHILD);
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

  /**
   * Appends document {@code i} (its JSON, no line break) to {@code out}. Child {@code c} gets
   * documents c, c + children, c + 2 children, ...: doses months apart.
   */
  void writeDocument(long i, Bytes out) {
    SplittableRandom r = new SplittableRandom(seed * 31 + i);
    Template t = templates.get((int) (i % TEMPLATES));
    long at = Math.min((long) ((double) i / docs * SPAN_MILLIS) + r.nextLong(JITTER_MILLIS), SPAN_MILLIS - 1);
    long received = at + 500 + r.nextInt(30_000);
    String site = sites.get(t.region)[r.nextInt(SITES_PER_REGION)];
    String lot = lots.get(t.vaccine)[r.nextInt(LOTS_PER_VACCINE)];
    long child = i % children();
    for (int k = 0; k < t.slots.length; k++) {
      out.put(t.parts[k]);
      switch (t.slots[k]) {
        case CONSENT_ID -> out.putAscii(consentId(i));
        case OCCURRED_AT -> putTime(at, out);
        case RECEIVED_AT -> putTime(received, out);
        case SITE -> out.putAscii(site);
        case TERMINAL -> out.putAscii(terminals.get(site));
        case LOT -> out.putAscii(lot);
        case CHILD_KEY -> out.putAscii(personKey('c', child));
        case GUARDIAN_KEY -> out.putAscii(personKey('g', child / 2));
      }
    }
    out.put(t.parts[t.slots.length]);
  }

  /** ISO-8601 UTC with milliseconds, {@code millis} after {@link #START}. */
  private static void putTime(long millis, Bytes out) {
    out.put(DAYS[(int) (millis / DAY_MILLIS)]);
    long ms = millis % DAY_MILLIS;
    two((int) (ms / 3_600_000), out);
    out.putByte(':');
    two((int) (ms / 60_000 % 60), out);
    out.putByte(':');
    two((int) (ms / 1000 % 60), out);
    out.putByte('.');
    int frac = (int) (ms % 1000);
    out.putByte('0' + frac / 100);
    two(frac % 100, out);
    out.putByte('Z');
  }

  private static void two(int n, Bytes out) {
    out.putByte('0' + n / 10);
    out.putByte('0' + n % 10);
  }

  /** Document {@code i} as a string (tests of the generator, examples). */
  String document(long i) {
    Bytes out = new Bytes(4096);
    writeDocument(i, out);
    return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
  }

  /** A growing byte buffer without the locking of ByteArrayOutputStream. */
  static final class Bytes {
    private byte[] buf;
    private int len;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    void reset() {
      len = 0;
    }

    int length() {
      return len;
    }

    byte[] array() {
      return buf;
    }

    void put(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, len, bytes.length);
      len += bytes.length;
    }

    void putByte(int b) {
      ensure(1);
      buf[len++] = (byte) b;
    }

    /** For codes, keys and ids: ASCII only. */
    void putAscii(String s) {
      ensure(s.length());
      s.getBytes(0, s.length(), buf, len);
      len += s.length();
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }
  }

  /** One real document serialised once: the bytes between the changing values. */
  private record Template(String region, String vaccine, byte[][] parts, Slot[] slots) {

    private static final String MARK = "\u00a7slot";

    @SuppressWarnings("unchecked")
    static Template of(JsonMapper json, Map<String, Object> doc) {
      Map<String, Object> marked = new LinkedHashMap<>(doc);
      marked.put("consentId", mark(Slot.CONSENT_ID));
      marked.put("occurredAt", mark(Slot.OCCURRED_AT));
      marked.put("receivedAt", mark(Slot.RECEIVED_AT));
      marked.put("siteCode", mark(Slot.SITE));
      marked.put("terminalId", mark(Slot.TERMINAL));
      marked.put("lotNumber", mark(Slot.LOT));
      Map<String, Object> child = new LinkedHashMap<>((Map<String, Object>) doc.get("child"));
      child.put("key", mark(Slot.CHILD_KEY));
      marked.put("child", child);
      Map<String, Object> guardian = new LinkedHashMap<>((Map<String, Object>) doc.get("guardian"));
      guardian.put("key", mark(Slot.GUARDIAN_KEY));
      marked.put("guardian", guardian);
      String text = json.writeValueAsString(marked);
      List<byte[]> parts = new ArrayList<>();
      List<Slot> slots = new ArrayList<>();
      int from = 0;
      while (true) {
        int at = text.indexOf(MARK, from);
        if (at < 0) {
          parts.add(text.substring(from).getBytes(StandardCharsets.UTF_8));
          break;
        }
        int end = text.indexOf('"', at);
        parts.add(text.substring(from, at).getBytes(StandardCharsets.UTF_8));
        slots.add(Slot.valueOf(text.substring(at + MARK.length(), end)));
        from = end;
      }
      if (slots.size() != Slot.values().length) {
        throw new IllegalStateException("template lost a marker: " + slots);
      }
      return new Template((String) doc.get("regionCode"), (String) doc.get("vaccineCode"),
          parts.toArray(byte[][]::new), slots.toArray(Slot[]::new));
    }

    private static String mark(Slot slot) {
      return MARK + slot.name();
    }
  }
}
