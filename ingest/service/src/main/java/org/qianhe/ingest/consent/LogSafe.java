package org.qianhe.ingest.consent;

import java.util.regex.Pattern;

/**
 * What of an upload may appear in a log line. A consentId is a random UUID and identifies
 * nobody; but a terminal can put anything into the field, so only a well-formed one is logged.
 */
final class LogSafe {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private LogSafe() {}

  static String consentId(String consentId) {
    return consentId != null && UUID.matcher(consentId).matches() ? consentId : "(not a UUID)";
  }
}
