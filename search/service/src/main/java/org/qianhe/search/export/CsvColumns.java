package org.qianhe.search.export;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The columns of a CSV export: the masked, searchable projection only (never a sealed identity,
 * digest or screening answer), one column per field path, named as in the JSON answers.
 */
public final class CsvColumns {

  public static final List<String> PATHS = List.of(
      "consentId", "occurredAt", "receivedAt", "source", "regionCode", "siteCode", "terminalId",
      "vaccineCode", "vaccineName", "manufacturer", "lotNumber", "lotExpiry", "doseNumber", "route", "bodySite",
      "decision", "confirmationMethod", "biometricConsent", "noticeTemplateId", "noticeVersion",
      "child.key", "child.nameMasked", "child.idMasked", "child.birthYearMonth", "child.sex",
      "guardian.key", "guardian.nameMasked", "guardian.idMasked", "guardian.phoneMasked", "guardian.relation",
      "validationStatus", "duplicateOf");

  private static final Map<String, Integer> COLUMNS = IntStream.range(0, PATHS.size()).boxed()
      .collect(Collectors.toUnmodifiableMap(PATHS::get, i -> i));
  /**
   * The columns inside each object field ({@code child} → {@code key} → its column): a reader
   * looks up the parent's and the child's names as the parser gives them (whose hash codes are
   * computed once), instead of joining them into a new string for every field of every row.
   */
  private static final Map<String, Map<String, Integer>> NESTED = PATHS.stream().filter(p -> p.contains("."))
      .collect(Collectors.groupingBy(p -> p.substring(0, p.indexOf('.')),
          Collectors.toUnmodifiableMap(p -> p.substring(p.indexOf('.') + 1), COLUMNS::get)));

  private CsvColumns() {}

  /** The column of a field path ({@code child.key}), or -1 for a field that is no column. */
  static int column(String path) {
    Integer column = COLUMNS.get(path);
    return column == null ? -1 : column;
  }

  /** The columns inside the object field {@code parent}, by the child field's name; empty when it holds none. */
  static Map<String, Integer> inside(String parent) {
    return NESTED.getOrDefault(parent, Map.of());
  }
}
