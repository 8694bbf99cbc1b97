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

  private CsvColumns() {}

  /** The column of a field path ({@code child.key}), or -1 for a field that is no column. */
  static int column(String path) {
    Integer column = COLUMNS.get(path);
    return column == null ? -1 : column;
  }
}
