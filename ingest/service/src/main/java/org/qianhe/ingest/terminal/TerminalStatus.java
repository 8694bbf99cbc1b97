package org.qianhe.ingest.terminal;

/** Whether a registered terminal may upload. A revoked terminal stays registered, so its past uploads stay traceable. */
public enum TerminalStatus {
  ACTIVE,
  REVOKED
}
