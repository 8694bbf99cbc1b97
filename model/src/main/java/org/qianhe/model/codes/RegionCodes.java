package org.qianhe.model.codes;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GB/T 2260 administrative division codes (from {@code regions-gbt2260.csv}): every province, and
 * the counties of the provinces the platform serves (Henan). A code of a province whose counties
 * are listed must be listed itself; a code of another province can only be recognised by its
 * province.
 */
public final class RegionCodes {

  static final String RESOURCE = "regions-gbt2260.csv";

  /** What the code list can say about a region code. */
  public enum Status {
    /** Listed. */
    KNOWN,
    /** The province exists but its counties are not in the list, so the code cannot be checked. */
    PROVINCE_ONLY,
    /** Not a code: no such province, or not listed for a province whose counties are. */
    UNKNOWN
  }

  private final Map<String, String> names;
  private final Set<String> provincesWithCounties;

  public RegionCodes(Map<String, String> names) {
    this.names = Map.copyOf(names);
    this.provincesWithCounties = names.keySet().stream()
        .filter(code -> !code.endsWith("0000"))
        .map(RegionCodes::province)
        .collect(Collectors.toUnmodifiableSet());
  }

  public Status status(String code) {
    if (code == null || code.length() != 6) {
      return Status.UNKNOWN;
    }
    if (names.containsKey(code)) {
      return Status.KNOWN;
    }
    String province = province(code);
    if (!names.containsKey(province + "0000") || provincesWithCounties.contains(province)) {
      return Status.UNKNOWN;
    }
    return Status.PROVINCE_ONLY;
  }

  public Optional<String> name(String code) {
    return Optional.ofNullable(names.get(code));
  }

  public int size() {
    return names.size();
  }

  private static String province(String code) {
    return code.substring(0, 2);
  }
}
