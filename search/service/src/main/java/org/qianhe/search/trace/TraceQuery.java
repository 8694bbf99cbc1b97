package org.qianhe.search.trace;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.qianhe.model.Decision;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.search.system.ProblemException;
import org.springframework.util.MultiValueMap;

/**
 * A validated trace request: either a lot (recall) or a site and period, optionally one
 * decision, and a page. Built only by {@link #parse}, which names the first bad parameter.
 *
 * @param decision null for every decision
 * @param after null for the first page
 */
record TraceQuery(Criteria criteria, Decision decision, int size, TraceCursor after) {

  /** What is being traced. */
  sealed interface Criteria permits ByLot, BySitePeriod {}

  /** Every consent with a lot number, optionally only of one vaccine (lot numbers are unique per manufacturer, not nationally). */
  record ByLot(String lot, String vaccine) implements Criteria {}

  /**
   * Everything a site recorded from {@code from} to {@code to}, both days included, as the
   * clinic's calendar has them ({@link ConsentValidator#CLINIC_ZONE}).
   */
  record BySitePeriod(String site, LocalDate from, LocalDate to) implements Criteria {

    Instant start() {
      return from.atStartOfDay(ConsentValidator.CLINIC_ZONE).toInstant();
    }

    Instant endExclusive() {
      return to.plusDays(1).atStartOfDay(ConsentValidator.CLINIC_ZONE).toInstant();
    }
  }

  static final Set<String> PARAMETERS =
      Set.of("lot", "vaccine", "site", "from", "to", "decision", "size", TraceCursor.PARAMETER);

  /** Page sizes the service allows. */
  record PageSizes(int defaultSize, int maxSize) {}

  static TraceQuery parse(MultiValueMap<String, String> params, PageSizes pages) {
    // a misspelt optional parameter (vacine=) would otherwise widen a recall silently
    for (String name : new TreeSet<>(params.keySet())) {
      if (!PARAMETERS.contains(name)) {
        throw ProblemException.badParameter(name, "is not a parameter of this endpoint; known: "
            + String.join(", ", new TreeSet<>(PARAMETERS)));
      }
    }
    String lot = single(params, "lot");
    String site = single(params, "site");
    Criteria criteria;
    if (lot != null && site != null) {
      throw ProblemException.badParameter("site", "give either lot (recall) or site with from and to, not both");
    } else if (lot != null) {
      refuseWith(params, "lot", "from", "to");
      criteria = new ByLot(lot, single(params, "vaccine"));
    } else if (site != null) {
      refuseWith(params, "site", "vaccine");
      criteria = bySitePeriod(site, params);
    } else {
      throw ProblemException.badParameter("lot", "is required, or site with from and to");
    }
    return new TraceQuery(criteria, decision(single(params, "decision")), size(single(params, "size"), pages),
        cursor(single(params, TraceCursor.PARAMETER)));
  }

  private static BySitePeriod bySitePeriod(String site, MultiValueMap<String, String> params) {
    LocalDate from = date(params, "from");
    LocalDate to = date(params, "to");
    if (to.isBefore(from)) {
      throw ProblemException.badParameter("to", "must not be before from");
    }
    return new BySitePeriod(site, from, to);
  }

  private static LocalDate date(MultiValueMap<String, String> params, String name) {
    String value = single(params, name);
    if (value == null) {
      throw ProblemException.badParameter(name, "is required with site (a date, YYYY-MM-DD)");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badParameter(name, "must be a date, YYYY-MM-DD");
    }
  }

  private static Decision decision(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Decision.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badParameter("decision", "must be one of " + Arrays.toString(Decision.values()));
    }
  }

  private static int size(String value, PageSizes pages) {
    if (value == null) {
      return pages.defaultSize();
    }
    int size;
    try {
      size = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ProblemException.badParameter("size", "must be a whole number from 1 to " + pages.maxSize());
    }
    if (size < 1 || size > pages.maxSize()) {
      throw ProblemException.badParameter("size", "must be from 1 to " + pages.maxSize());
    }
    return size;
  }

  private static TraceCursor cursor(String value) {
    return value == null ? null : TraceCursor.decode(value);
  }

  private static void refuseWith(MultiValueMap<String, String> params, String given, String... others) {
    for (String other : others) {
      if (params.containsKey(other)) {
        throw ProblemException.badParameter(other, "does not apply to a search by " + given);
      }
    }
  }

  /** The one value of a parameter, or null when absent; blank and repeated values are refused. */
  private static String single(MultiValueMap<String, String> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ProblemException.badParameter(name, "must be given once");
    }
    String value = values.get(0) == null ? "" : values.get(0).strip();
    if (value.isEmpty()) {
      throw ProblemException.badParameter(name, "must not be blank");
    }
    return value;
  }
}
