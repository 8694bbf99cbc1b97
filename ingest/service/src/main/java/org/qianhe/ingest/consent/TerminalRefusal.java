package org.qianhe.ingest.consent;

/** Why an upload's terminal is refused (403). The names are the reason codes terminals see. */
enum TerminalRefusal {
  TERMINAL_UNKNOWN("the terminal is not registered"),
  TERMINAL_REVOKED("the terminal has been revoked");

  private final String description;

  TerminalRefusal(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }
}
