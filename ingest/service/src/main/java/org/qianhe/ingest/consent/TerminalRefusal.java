package org.qianhe.ingest.consent;

import org.springframework.http.HttpStatus;

/**
 * Why an upload's sender is refused. The names are the reason codes terminals see: 403 for a
 * terminal that is known not to be allowed, 401 for a request that does not prove it comes from
 * the terminal it names (a fresh, correctly signed request would be accepted).
 */
enum TerminalRefusal {
  TERMINAL_UNKNOWN(HttpStatus.FORBIDDEN, "the terminal is not registered"),
  TERMINAL_REVOKED(HttpStatus.FORBIDDEN, "the terminal has been revoked"),
  TERMINAL_KEY_MISSING(HttpStatus.FORBIDDEN, "the terminal was registered without a public key; register it again with one"),
  TERMINAL_SITE_MISMATCH(HttpStatus.FORBIDDEN, "siteCode or regionCode is not where the terminal is registered"),
  SIGNATURE_MISSING(HttpStatus.UNAUTHORIZED, "the upload carries no signature"),
  SIGNATURE_ALGORITHM_MISMATCH(HttpStatus.UNAUTHORIZED, "signature.algorithm is not the algorithm of the terminal's registered crypto suite"),
  SIGNATURE_KEY_UNKNOWN(HttpStatus.UNAUTHORIZED, "signature.keyId is not the id of the terminal's registered public key"),
  SIGNATURE_INVALID(HttpStatus.UNAUTHORIZED, "the signature does not verify with the terminal's public key over this upload"),
  TIMESTAMP_MISSING(HttpStatus.UNAUTHORIZED, "signature.signedAt, the request timestamp, is missing"),
  TIMESTAMP_OUTSIDE_WINDOW(HttpStatus.UNAUTHORIZED,
      "signature.signedAt is outside the accepted window around the server clock; sign the request again now");

  private final HttpStatus status;
  private final String description;

  TerminalRefusal(HttpStatus status, String description) {
    this.status = status;
    this.description = description;
  }

  HttpStatus status() {
    return status;
  }

  String description() {
    return description;
  }

  /** The field a terminal has to fix. */
  String field() {
    return switch (this) {
      case TERMINAL_UNKNOWN, TERMINAL_REVOKED, TERMINAL_KEY_MISSING -> "terminalId";
      case TERMINAL_SITE_MISMATCH -> "siteCode";
      case SIGNATURE_MISSING, SIGNATURE_INVALID -> "signature";
      case SIGNATURE_ALGORITHM_MISMATCH -> "signature.algorithm";
      case SIGNATURE_KEY_UNKNOWN -> "signature.keyId";
      case TIMESTAMP_MISSING, TIMESTAMP_OUTSIDE_WINDOW -> "signature.signedAt";
    };
  }
}
