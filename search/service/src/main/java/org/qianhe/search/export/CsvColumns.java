package org.qianhe.search.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns of a CSV export: the masked, searchable projection only (never a sealed identity,
 * digest or screening answer), one column per field path, named as in the JSON answers.
 */
final class CsvColumns {

  static final List<String> PATHS = List.of(
      "consentId", "occurredAt", "receivedAt", "source", "regionCode", "siteCode", "terminalId",
      "vaccineCode", "vaccineName", "manufacturer", "lotNumber", "lotExpiry", "doseNumber", "route", "bodySite",
      "decision", "confirmationMethod", "biometricConsent", "noticeTemplateId", "noticeVersion",
      "child.key", "child.nameMasked", "child.idMasked", "child.birthYearMonth", "child.sex",
      "guardian.key", "guardian.nameMasked", "guardian.idMasked", "guardian.phoneMasked", "guardian.relation",
      "validationStatus", "duplicateOf");

  private static final List<String[]> SPLIT = PATHS.stream().map(p -> p.split("\\.")).toList();

  private CsvColumns() {}

  /** The {@code _source} fields to fetch: exactly these paths. */
  static List<String> sourceIncludes() {
    return PATHS;
  }

  /** One row's values in column order; null for an absent field. */
  @SuppressWarnings("rawtypes")
  static List<Object> values(Map source) {
    List<Object> row = new ArrayList<>(SPLIT.size());
    for (String[] path : SPLIT) {
      Object value = source;
      for (String part : path) {
        value = value instanceof Map m ? m.get(part) : null;
      }
      row.add(value);
    }
    return row;
  }
}
