package org.qianhe.search.trace;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.qianhe.search.system.ProblemException;

/**
 * Where a page ended: the sort values (occurredAt in epoch milliseconds, consentId) of its last
 * consent, passed back as {@code searchAfter}. Opaque to clients (URL-safe Base64) so that the
 * sort can change without breaking their code.
 */
record TraceCursor(long occurredAtMillis, String consentId) {

  static final String PARAMETER = "searchAfter";

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((occurredAtMillis + "|" + consentId).getBytes(StandardCharsets.UTF_8));
  }

  static TraceCursor decode(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      if (bar < 1 || bar == text.length() - 1) {
        throw invalid();
      }
      return new TraceCursor(Long.parseLong(text.substring(0, bar)), text.substring(bar + 1));
    } catch (IllegalArgumentException e) {
      // Base64 and number format errors alike: the token did not come from a previous answer
      throw invalid();
    }
  }

  private static ProblemException invalid() {
    return ProblemException.badParameter(PARAMETER, "is not a cursor from a previous answer's next");
  }
}
