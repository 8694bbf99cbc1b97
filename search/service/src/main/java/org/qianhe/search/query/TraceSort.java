package org.qianhe.search.query;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.system.ProblemException;

/**
 * The orders a trace can be listed in; {@code consentId} always breaks ties, so paging with
 * {@code search_after} never repeats or skips a consent. The parameter is the field name,
 * prefixed with {@code -} for descending.
 */
public enum TraceSort {
  OCCURRED_AT(ConsentFields.OCCURRED_AT, true, false),
  OCCURRED_AT_DESC(ConsentFields.OCCURRED_AT, true, true),
  RECEIVED_AT(ConsentFields.RECEIVED_AT, true, false),
  RECEIVED_AT_DESC(ConsentFields.RECEIVED_AT, true, true),
  SITE(ConsentFields.SITE_CODE, false, false),
  SITE_DESC(ConsentFields.SITE_CODE, false, true),
  VACCINE(ConsentFields.VACCINE_CODE, false, false),
  VACCINE_DESC(ConsentFields.VACCINE_CODE, false, true),
  LOT(ConsentFields.LOT_NUMBER, false, false),
  LOT_DESC(ConsentFields.LOT_NUMBER, false, true);

  public static final String PARAMETER = "sort";
  public static final TraceSort DEFAULT = OCCURRED_AT;

  private final String field;
  private final boolean date;
  private final boolean descending;

  TraceSort(String field, boolean date, boolean descending) {
    this.field = field;
    this.date = date;
    this.descending = descending;
  }

  public String field() {
    return field;
  }

  /** Dates sort by epoch milliseconds; keywords by their text. */
  public boolean date() {
    return date;
  }

  public boolean descending() {
    return descending;
  }

  /** How the parameter spells it: {@code occurredAt}, {@code -occurredAt}. */
  public String parameter() {
    return (descending ? "-" : "") + field;
  }

  public static TraceSort parse(String value) {
    if (value == null) {
      return DEFAULT;
    }
    for (TraceSort sort : values()) {
      if (sort.parameter().equals(value)) {
        return sort;
      }
    }
    throw ProblemException.badParameter(PARAMETER, "must be one of "
        + Arrays.stream(values()).map(TraceSort::parameter).collect(Collectors.joining(", ")));
  }
}
