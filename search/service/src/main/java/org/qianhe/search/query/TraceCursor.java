package org.qianhe.search.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.qianhe.search.system.ProblemException;

/**
 * Where a page ended: the sort it was listed in and the sort values (the sorted field, then
 * consentId) of its last consent, passed back as {@code searchAfter}. Opaque to clients (three
 * URL-safe Base64 parts) so that the sort can change without breaking their code; a cursor of
 * another sort is refused rather than silently misplaced.
 *
 * @param value epoch milliseconds for a date sort, the text for a keyword sort
 */
public record TraceCursor(TraceSort sort, String value, String consentId) {

  public static final String PARAMETER = "searchAfter";

  public String encode() {
    return part(sort.parameter()) + "." + part(value) + "." + part(consentId);
  }

  public static TraceCursor decode(String token, TraceSort expected) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw invalid();
    }
    try {
      String sort = unpart(parts[0]);
      String value = unpart(parts[1]);
      String consentId = unpart(parts[2]);
      if (!expected.parameter().equals(sort)) {
        throw ProblemException.badParameter(PARAMETER, "belongs to another sort order than this request's");
      }
      if (consentId.isEmpty() || (expected.date() && !value.matches("-?\\d{1,19}"))) {
        throw invalid();
      }
      return new TraceCursor(expected, value, consentId);
    } catch (IllegalArgumentException e) {
      // Base64 errors: the token did not come from a previous answer
      throw invalid();
    }
  }

  /** The value as Elasticsearch's search_after wants it. */
  public Object sortValue() {
    return sort.date() ? (Object) Long.parseLong(value) : value;
  }

  private static String part(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String unpart(String encoded) {
    return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  private static ProblemException invalid() {
    return ProblemException.badParameter(PARAMETER, "is not a cursor from a previous answer's next");
  }
}
