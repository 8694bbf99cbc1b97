package org.qianhe.search.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.qianhe.model.Decision;
import org.qianhe.model.Source;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.search.security.RegionScope;
import org.qianhe.search.system.ProblemException;

/**
 * What a trace asks for; every given field narrows the answer (they combine with AND). People
 * are looked up by blind-index key: an ID number given by the caller is turned into its key
 * before it gets here, and never travels further.
 *
 * @param region a region-code prefix, narrowing within the caller's scope
 * @param from first clinic day (Asia/Shanghai), with {@code to}; both days are included
 * @param childKey blind-index key of the child's citizen ID
 */
public record TraceCriteria(String lot, String vaccine, String site, String terminal, String region,
    String childKey, String guardianKey, LocalDate from, LocalDate to, Decision decision, Source source) {

  /** Parameters that narrow by themselves (decision and source only refine one of these). */
  public static final Set<String> NARROWING = Set.of("lot", "vaccine", "site", "terminal", "region",
      "childKey", "guardianKey", "childId", "guardianId", "from", "to");
  /** Every criteria parameter of GET requests: people only by key. */
  public static final Set<String> PARAMETERS = Set.of("lot", "vaccine", "site", "terminal", "region",
      "childKey", "guardianKey", "from", "to", "decision", "source");
  /** Raw ID numbers, accepted only in a POST body: a URL ends up in logs, proxies and browser history. */
  public static final Set<String> ID_PARAMETERS = Set.of("childId", "guardianId");
  /** Every criteria parameter of POST requests. */
  public static final Set<String> POST_PARAMETERS = TraceQuery.union(PARAMETERS, ID_PARAMETERS);

  private static final int MAX_CODE = 64;
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

  /** Turns a normalised citizen ID into its blind-index key. */
  public interface BlindKeys extends Function<String, String> {}

  /**
   * Reads the criteria. {@code keys} is null where raw ID numbers are not accepted (GET): then
   * {@code childId}/{@code guardianId} are refused, naming the parameter.
   */
  public static TraceCriteria parse(Params p, BlindKeys keys) {
    if (!NARROWING.stream().anyMatch(p::has)) {
      throw ProblemException.badParameter("lot", "is required, or another criterion: vaccine, site, terminal, "
          + "region, childId/childKey, guardianId/guardianKey, or from and to");
    }
    String region = p.single("region");
    if (region != null && !RegionScope.isValid(region)) {
      throw ProblemException.badParameter("region", "must be a region-code prefix of 2 to 6 digits");
    }
    LocalDate from = date(p, "from", "to");
    LocalDate to = date(p, "to", "from");
    if (from != null && to.isBefore(from)) {
      throw ProblemException.badParameter("to", "must not be before from");
    }
    return new TraceCriteria(code(p, "lot"), code(p, "vaccine"), code(p, "site"), code(p, "terminal"),
        "*".equals(region) ? null : region,
        person(p, "child", keys), person(p, "guardian", keys), from, to,
        enumValue(p, "decision", Decision.class), enumValue(p, "source", Source.class));
  }

  /** First instant of {@code from} on the clinic calendar. */
  public Instant start() {
    return from.atStartOfDay(ConsentValidator.CLINIC_ZONE).toInstant();
  }

  /** First instant after {@code to} on the clinic calendar. */
  public Instant endExclusive() {
    return to.plusDays(1).atStartOfDay(ConsentValidator.CLINIC_ZONE).toInstant();
  }

  /**
   * What the audit log records of this trace: every criterion, people as their blind-index keys
   * (enough to answer "who looked this child up?" later, never an ID number).
   */
  public String summary() {
    List<String> parts = new ArrayList<>();
    add(parts, "lot", lot);
    add(parts, "vaccine", vaccine);
    add(parts, "site", site);
    add(parts, "terminal", terminal);
    add(parts, "region", region);
    add(parts, "childKey", childKey);
    add(parts, "guardianKey", guardianKey);
    add(parts, "from", from);
    add(parts, "to", to);
    add(parts, "decision", decision);
    add(parts, "source", source);
    return String.join(" ", parts);
  }

  private static void add(List<String> parts, String name, Object value) {
    if (value != null) {
      parts.add(name + "=" + value);
    }
  }

  private static String code(Params p, String name) {
    String value = p.single(name);
    if (value != null && value.length() > MAX_CODE) {
      throw ProblemException.badParameter(name, "must be at most " + MAX_CODE + " characters");
    }
    return value;
  }

  private static String person(Params p, String who, BlindKeys keys) {
    String keyName = who + "Key";
    String idName = who + "Id";
    String key = p.single(keyName);
    if (p.has(idName)) {
      if (keys == null) {
        throw ProblemException.badParameter(idName, "must be sent in a POST body, never in a URL");
      }
      if (key != null) {
        throw ProblemException.badParameter(keyName, "give either " + idName + " or " + keyName + ", not both");
      }
      String id = org.qianhe.search.people.CitizenIds.normalise(p.single(idName)).orElseThrow(() ->
          ProblemException.badParameter(idName, "must be an 18-character citizen ID number with a valid check character"));
      return keys.apply(id);
    }
    if (key != null && !KEY.matcher(key).matches()) {
      throw ProblemException.badParameter(keyName, "must be a blind-index key (64 lower-case hex characters)");
    }
    return key;
  }

  private static LocalDate date(Params p, String name, String other) {
    String value = p.single(name);
    if (value == null) {
      if (p.has(other)) {
        throw ProblemException.badParameter(name, "is required with " + other + " (a date, YYYY-MM-DD)");
      }
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badParameter(name, "must be a date, YYYY-MM-DD");
    }
  }

  private static <E extends Enum<E>> E enumValue(Params p, String name, Class<E> type) {
    String value = p.single(name);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badParameter(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
