package org.qianhe.batch.verify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.VerificationKey;

/**
 * The terminals ingest registered, with the public key each signs with: read once per verification
 * from ingest's database (table {@code terminal}, owned by ingest/service), read-only.
 */
public final class TerminalRegistry {

  /** A registered terminal: its suite, public key, and when it was revoked (if it was). */
  public record Terminal(String terminalId, CryptoSuite suite, VerificationKey key, Instant revokedAt) {}

  private final Map<String, Terminal> terminals;

  public TerminalRegistry(Map<String, Terminal> terminals) {
    this.terminals = Map.copyOf(terminals);
  }

  public Optional<Terminal> find(String terminalId) {
    return Optional.ofNullable(terminals.get(terminalId));
  }

  public int size() {
    return terminals.size();
  }

  /** Every terminal with a registered key; a key that does not parse fails clearly, naming the terminal. */
  public static TerminalRegistry load(String jdbcUrl, String username, String password) {
    Map<String, Terminal> terminals = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT terminal_id, crypto_suite, public_key, revoked_at FROM terminal WHERE public_key IS NOT NULL")) {
      connection.setReadOnly(true);
      while (rows.next()) {
        String terminalId = rows.getString("terminal_id");
        CryptoSuite suite = CryptoSuites.of(rows.getString("crypto_suite"));
        VerificationKey key;
        try {
          key = suite.verificationKey(Base64.getDecoder().decode(rows.getString("public_key").strip()));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("terminal registry: the public key of terminal " + terminalId + " is not a "
              + suite.name() + " key");
        }
        OffsetDateTime revokedAt = rows.getObject("revoked_at", OffsetDateTime.class);
        terminals.put(terminalId, new Terminal(terminalId, suite, key, revokedAt == null ? null : revokedAt.toInstant()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the terminal registry (qianhe.batch.verify.terminal-registry-url): "
          + e.getClass().getSimpleName() + " " + e.getSQLState(), e);
    }
    return new TerminalRegistry(terminals);
  }
}
