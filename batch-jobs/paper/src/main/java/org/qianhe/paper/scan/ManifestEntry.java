package org.qianhe.paper.scan;

import java.util.Map;
import java.util.Optional;

/**
 * One row of the vendor's manifest: where a page is and the index fields the vendor keyed for it,
 * by the form template's field names ({@code lot_number} becomes {@code lotNumber}).
 */
public record ManifestEntry(String file, String box, int page, Map<String, String> keyed) {

  public ManifestEntry {
    keyed = Map.copyOf(keyed);
  }

  public Optional<String> keyed(String field) {
    String value = keyed.get(field);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  @Override
  public String toString() {
    return "ManifestEntry[" + SafeNames.forLog(file) + "#" + page + ", box " + SafeNames.forLog(box) + ", keyed " + keyed.keySet() + "]";
  }
}
