package org.qianhe.search.security;

import java.io.Serializable;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The regions an account may see: prefixes of the 6-digit administrative division code
 * (GB/T 2260: {@code 41} Henan, {@code 4101} Zhengzhou, {@code 410102} one district), or
 * {@link #ALL} for every region. An empty scope sees nothing.
 *
 * <p>The scope is applied inside every Elasticsearch query (see
 * {@code org.qianhe.search.query.ScopedIndex}), never by filtering answers afterwards: totals,
 * aggregations, exports and lookups by id then cannot tell anything about other regions.
 */
public record RegionScope(Set<String> prefixes) implements Serializable {

  /** The one entry that means every region. */
  public static final String ALL = "*";
  private static final Pattern PREFIX = Pattern.compile("\\d{2,6}");

  public RegionScope {
    prefixes = Set.copyOf(new TreeSet<>(prefixes));
    for (String prefix : prefixes) {
      if (!isValid(prefix)) {
        throw new IllegalArgumentException("a region prefix is 2 to 6 digits, or " + ALL);
      }
    }
  }

  public static RegionScope of(Collection<String> prefixes) {
    return new RegionScope(Set.copyOf(prefixes));
  }

  public static boolean isValid(String prefix) {
    return ALL.equals(prefix) || (prefix != null && PREFIX.matcher(prefix).matches());
  }

  public boolean all() {
    return prefixes.contains(ALL);
  }

  public boolean isEmpty() {
    return prefixes.isEmpty();
  }

  /** Whether a consent of this region code is visible. */
  public boolean covers(String regionCode) {
    return all() || prefixes.stream().anyMatch(regionCode::startsWith);
  }

  /**
   * Whether asking for this prefix can show anything: it lies inside the scope ({@code 410102}
   * within {@code 4101}) or contains part of it ({@code 41} around {@code 4101}, which the scope
   * then narrows to {@code 4101}).
   */
  public boolean overlaps(String prefix) {
    return all() || prefixes.stream().anyMatch(p -> prefix.startsWith(p) || p.startsWith(prefix));
  }

  @Override
  public String toString() {
    return prefixes.isEmpty() ? "(none)" : String.join(",", new TreeSet<>(prefixes));
  }
}
