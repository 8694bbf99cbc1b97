package org.qianhe.stream.dedup;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.util.TimeUtils;
import org.qianhe.model.codes.Vaccine;

/**
 * How many days apart two records of the same child, vaccine, dose, site and decision may be and
 * still describe one vaccination: 0 means the same calendar day (in the clinics' zone). Written
 * {@code *=0 d,MMR=2 d}: {@code *} for every vaccine family, then overrides by family (the
 * families of {@code model}'s vaccine code list: HepB, BCG, Polio, DTP, MMR, JE, Men, HepA, Rabies).
 *
 * <p>A window never reaches the next dose: for a schedule whose doses are days apart (a rabies
 * post-exposure series, 3 days; JE-I doses 1 and 2, 7 days) the window is capped below the shortest
 * gap, because there a record a few days later with the same dose number is far more likely the
 * next dose with a mistyped number than the same injection recorded twice.
 */
public final class DedupWindows implements Serializable {

  public static final String ANY_FAMILY = "*";

  private final int defaultDays;
  private final Map<String, Integer> familyDays;

  public DedupWindows(int defaultDays, Map<String, Integer> familyDays) {
    if (defaultDays < 0 || familyDays.values().stream().anyMatch(days -> days < 0)) {
      throw new IllegalArgumentException("deduplication windows must not be negative");
    }
    this.defaultDays = defaultDays;
    this.familyDays = Map.copyOf(familyDays);
  }

  public static DedupWindows sameDay() {
    return new DedupWindows(0, Map.of());
  }

  /** {@code *=0 d,MMR=2 d}; durations in Flink's syntax, whole days. */
  public static DedupWindows parse(String spec) {
    int defaultDays = 0;
    Map<String, Integer> families = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("'" + part.strip() + "' is not family=duration");
      }
      String family = part.substring(0, eq).strip();
      int days = days(TimeUtils.parseDuration(part.substring(eq + 1).strip()));
      if (family.equals(ANY_FAMILY)) {
        defaultDays = days;
      } else if (families.put(family, days) != null) {
        throw new IllegalArgumentException("family " + family + " given twice");
      }
    }
    return new DedupWindows(defaultDays, families);
  }

  /** The window for a vaccine, in days, capped below the shortest gap between its doses. */
  public int days(Vaccine vaccine) {
    int configured = familyDays.getOrDefault(vaccine.family(), defaultDays);
    return vaccine.shortestIntervalDays().stream().map(gap -> Math.min(configured, gap - 1)).findFirst().orElse(configured);
  }

  /** The window for a vaccine the code list does not know (validation quarantines those anyway). */
  public int defaultDays() {
    return defaultDays;
  }

  /** Written back the way {@link #parse} reads it. */
  public String spec() {
    Map<String, Integer> sorted = new TreeMap<>(familyDays);
    String families = sorted.entrySet().stream()
        .map(e -> "," + e.getKey() + "=" + e.getValue() + " d").collect(Collectors.joining());
    return ANY_FAMILY + "=" + defaultDays + " d" + families;
  }

  private static int days(Duration duration) {
    if (duration.isNegative() || duration.toHoursPart() != 0 || duration.toMinutesPart() != 0
        || duration.toSecondsPart() != 0 || duration.toNanosPart() != 0) {
      throw new IllegalArgumentException("a deduplication window is a whole number of days, not " + duration);
    }
    return Math.toIntExact(duration.toDays());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DedupWindows other && defaultDays == other.defaultDays && familyDays.equals(other.familyDays);
  }

  @Override
  public int hashCode() {
    return 31 * defaultDays + familyDays.hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
