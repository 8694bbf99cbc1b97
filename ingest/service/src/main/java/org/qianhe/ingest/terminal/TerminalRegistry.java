package org.qianhe.ingest.terminal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.VerificationKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The terminals allowed to upload, in the relational database (table {@code terminal}), with
 * the public key and crypto suite their uploads are verified with.
 *
 * <p>Public so that administration tools and other modules' tests can register terminals, through
 * {@code context.getBean(TerminalRegistry.class)} or {@link #on(DataSource)}. The SQL is plain and
 * portable, because the same statements run on PostgreSQL and on the embedded H2 default.
 *
 * <p>{@link #find} answers from a short-lived cache when the registry was made with a TTL (the
 * service's bean: every upload looks its terminal up). {@link #register} and {@link #revoke}
 * through the same instance take effect at once; a change made by another process within the
 * TTL.
 */
public class TerminalRegistry {

  private static final String COLUMNS = """
      terminal_id, site_code, region_code, status, crypto_suite, public_key, created_at, updated_at, revoked_at""";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration cacheTtl;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  TerminalRegistry(JdbcClient jdbc, Clock clock, Duration cacheTtl) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.cacheTtl = cacheTtl;
  }

  /**
   * The registry of a database the service has migrated, for administration tools that run
   * outside the service (the local pipeline registers the simulator's terminals this way). No cache.
   */
  public static TerminalRegistry on(DataSource dataSource) {
    return new TerminalRegistry(JdbcClient.create(dataSource), Clock.systemUTC(), Duration.ZERO);
  }

  /**
   * Registers a terminal with its public key, or moves a known one to the given site and key
   * (a terminal that was re-keyed). Idempotent. Never re-activates a revoked terminal: that is a
   * security decision, not a side effect of setup.
   */
  public Terminal register(String terminalId, String siteCode, String regionCode, VerificationKey publicKey) {
    CryptoSuite suite = CryptoSuites.of(publicKey.suite());
    OffsetDateTime now = now();
    if (update(terminalId, siteCode, regionCode, suite, publicKey, now) == 0) {
      try {
        jdbc.sql("""
                INSERT INTO terminal (terminal_id, site_code, region_code, status, crypto_suite, public_key, key_id,
                                      created_at, updated_at)
                VALUES (:id, :site, :region, :status, :suite, :key, :keyId, :now, :now)""")
            .param("id", terminalId).param("site", siteCode).param("region", regionCode)
            .param("status", TerminalStatus.ACTIVE.name()).param("suite", suite.name())
            .param("key", publicKey.base64()).param("keyId", publicKey.keyId()).param("now", now)
            .update();
      } catch (DuplicateKeyException raced) {
        // Another caller registered it between our update and insert: update it like a known one.
        update(terminalId, siteCode, regionCode, suite, publicKey, now);
      }
    }
    cache.remove(terminalId);
    return load(terminalId).orElseThrow(() -> new IllegalStateException("terminal vanished while registering"));
  }

  /** The terminal, from the cache when it was read within the TTL. */
  public Optional<Terminal> find(String terminalId) {
    if (cacheTtl.isZero()) {
      return load(terminalId);
    }
    Instant now = clock.instant();
    Cached cached = cache.get(terminalId);
    if (cached != null && now.isBefore(cached.expires())) {
      return Optional.of(cached.terminal());
    }
    // Unknown terminals are not cached: a terminal registered a moment ago must be able to upload.
    Optional<Terminal> terminal = load(terminalId).map(fresh -> cached == null ? fresh : sameKeyObject(fresh, cached.terminal()));
    terminal.ifPresentOrElse(t -> cache.put(terminalId, new Cached(t, now.plus(cacheTtl))),
        () -> cache.remove(terminalId));
    return terminal;
  }

  /** Every registered terminal, by id. */
  public List<Terminal> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM terminal ORDER BY terminal_id")
        .query(TerminalRegistry::terminal).list();
  }

  /** Refuses every later upload of this terminal; returns false when the terminal is unknown. */
  public boolean revoke(String terminalId) {
    OffsetDateTime now = now();
    boolean known = jdbc.sql("""
            UPDATE terminal SET status = :status, updated_at = :now, revoked_at = COALESCE(revoked_at, :now)
            WHERE terminal_id = :id""")
        .param("status", TerminalStatus.REVOKED.name()).param("now", now).param("id", terminalId)
        .update() > 0;
    cache.remove(terminalId);
    return known;
  }

  /**
   * The fresh row with the previous key object when the key did not change: a parsed key carries
   * what its verifications precompute (SM2's user hash, the point's multiples), which would
   * otherwise be recomputed at every TTL, about one signature verification's work each time.
   */
  private static Terminal sameKeyObject(Terminal fresh, Terminal previous) {
    if (fresh.publicKey().isEmpty() || !fresh.publicKey().equals(previous.publicKey())) {
      return fresh;
    }
    return new Terminal(fresh.terminalId(), fresh.siteCode(), fresh.regionCode(), fresh.status(), fresh.suite(),
        previous.publicKey(), fresh.createdAt(), fresh.updatedAt(), fresh.revokedAt());
  }

  private Optional<Terminal> load(String terminalId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM terminal WHERE terminal_id = :id")
        .param("id", terminalId)
        .query(TerminalRegistry::terminal)
        .optional();
  }

  private int update(String terminalId, String siteCode, String regionCode, CryptoSuite suite,
      VerificationKey publicKey, OffsetDateTime now) {
    return jdbc.sql("""
            UPDATE terminal SET site_code = :site, region_code = :region, crypto_suite = :suite,
                                public_key = :key, key_id = :keyId, updated_at = :now
            WHERE terminal_id = :id""")
        .param("site", siteCode).param("region", regionCode).param("suite", suite.name())
        .param("key", publicKey.base64()).param("keyId", publicKey.keyId()).param("now", now)
        .param("id", terminalId)
        .update();
  }

  /** PostgreSQL's driver binds OffsetDateTime, not Instant, to timestamptz. */
  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Terminal terminal(ResultSet rs, int row) throws SQLException {
    Optional<CryptoSuite> suite = Optional.ofNullable(rs.getString("crypto_suite")).map(CryptoSuites::of);
    String key = rs.getString("public_key");
    Optional<VerificationKey> publicKey = suite.isPresent() && key != null
        ? Optional.of(suite.get().verificationKey(Base64.getDecoder().decode(key)))
        : Optional.empty();
    OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
    return new Terminal(rs.getString("terminal_id"), rs.getString("site_code"), rs.getString("region_code"),
        TerminalStatus.valueOf(rs.getString("status")), suite, publicKey,
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
        Optional.ofNullable(revokedAt).map(OffsetDateTime::toInstant));
  }

  private record Cached(Terminal terminal, Instant expires) {}
}
