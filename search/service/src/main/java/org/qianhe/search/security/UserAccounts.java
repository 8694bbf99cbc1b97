package org.qianhe.search.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts in the relational database (tables {@code search_user}, {@code search_user_role},
 * {@code search_user_region}). Passwords are hashed here and nowhere else. Every change clears
 * the account from the {@link VerifiedCredentials} cache, so a disabled account or a changed
 * password takes effect at once in this process.
 */
@Repository
public class UserAccounts {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final VerifiedCredentials verified;
  private final Clock clock;

  UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, VerifiedCredentials verified, Clock clock) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.verified = verified;
    this.clock = clock;
  }

  public static boolean isValidUsername(String username) {
    return username != null && USERNAME.matcher(username).matches();
  }

  public Optional<Account> find(String username) {
    Optional<Map<String, Object>> row = jdbc.sql("""
            SELECT username, display_name, password_hash, enabled FROM search_user WHERE username = :u""")
        .param("u", username)
        .query((rs, n) -> user(rs))
        .optional();
    return row.map(r -> account(r, roles(username), regions(username)));
  }

  /** Every account, by name (without loading hashes into anything but the records). */
  public List<Account> list() {
    List<Account> accounts = new ArrayList<>();
    for (Map<String, Object> r : jdbc.sql("SELECT username, display_name, password_hash, enabled FROM search_user ORDER BY username")
        .query((rs, n) -> user(rs)).list()) {
      String username = (String) r.get("username");
      accounts.add(account(r, roles(username), regions(username)));
    }
    return accounts;
  }

  public boolean anyWithRole(Role role) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM search_user u JOIN search_user_role r ON r.username = u.username
            WHERE r.role = :role AND u.enabled""")
        .param("role", role.name()).query(Long.class).single() > 0;
  }

  /**
   * Creates the account, or sets the password, roles, regions and display name of an existing
   * one (and enables it). Returns whether it was created.
   */
  @Transactional
  public boolean save(String username, String displayName, String password, Set<Role> roles, RegionScope scope) {
    if (!isValidUsername(username)) {
      throw new IllegalArgumentException("a user name is 2 to 64 letters, digits, '.', '_' or '-'");
    }
    String hash = encoder.encode(password);
    OffsetDateTime now = now();
    String shown = displayName == null || displayName.isBlank() ? username : displayName.strip();
    int updated = jdbc.sql("""
            UPDATE search_user SET display_name = :d, password_hash = :h, enabled = TRUE, updated_at = :now
            WHERE username = :u""")
        .param("d", shown).param("h", hash).param("now", now).param("u", username).update();
    if (updated == 0) {
      jdbc.sql("""
              INSERT INTO search_user (username, display_name, password_hash, enabled, created_at, updated_at)
              VALUES (:u, :d, :h, TRUE, :now, :now)""")
          .param("u", username).param("d", shown).param("h", hash).param("now", now).update();
    }
    replaceRolesAndRegions(username, roles, scope);
    verified.forget(username);
    return updated == 0;
  }

  /** Changes roles and regions, keeping the password. Returns false for an unknown account. */
  @Transactional
  public boolean grant(String username, Set<Role> roles, RegionScope scope) {
    int updated = jdbc.sql("UPDATE search_user SET updated_at = :now WHERE username = :u")
        .param("now", now()).param("u", username).update();
    if (updated == 0) {
      return false;
    }
    replaceRolesAndRegions(username, roles, scope);
    verified.forget(username);
    return true;
  }

  public boolean setEnabled(String username, boolean enabled) {
    int updated = jdbc.sql("UPDATE search_user SET enabled = :e, updated_at = :now WHERE username = :u")
        .param("e", enabled).param("now", now()).param("u", username).update();
    verified.forget(username);
    return updated > 0;
  }

  public boolean setPassword(String username, String password) {
    int updated = jdbc.sql("UPDATE search_user SET password_hash = :h, updated_at = :now WHERE username = :u")
        .param("h", encoder.encode(password)).param("now", now()).param("u", username).update();
    verified.forget(username);
    return updated > 0;
  }

  private void replaceRolesAndRegions(String username, Set<Role> roles, RegionScope scope) {
    jdbc.sql("DELETE FROM search_user_role WHERE username = :u").param("u", username).update();
    for (Role role : new TreeSet<>(roles)) {
      jdbc.sql("INSERT INTO search_user_role (username, role) VALUES (:u, :r)")
          .param("u", username).param("r", role.name()).update();
    }
    jdbc.sql("DELETE FROM search_user_region WHERE username = :u").param("u", username).update();
    for (String prefix : new TreeSet<>(scope.prefixes())) {
      jdbc.sql("INSERT INTO search_user_region (username, region_prefix) VALUES (:u, :p)")
          .param("u", username).param("p", prefix).update();
    }
  }

  private Set<Role> roles(String username) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    jdbc.sql("SELECT role FROM search_user_role WHERE username = :u").param("u", username)
        .query(String.class).list().forEach(r -> roles.add(Role.valueOf(r)));
    return roles;
  }

  private RegionScope regions(String username) {
    return RegionScope.of(jdbc.sql("SELECT region_prefix FROM search_user_region WHERE username = :u")
        .param("u", username).query(String.class).list());
  }

  private static Map<String, Object> user(ResultSet rs) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("username", rs.getString("username"));
    row.put("display_name", rs.getString("display_name"));
    row.put("password_hash", rs.getString("password_hash"));
    row.put("enabled", rs.getBoolean("enabled"));
    return row;
  }

  private static Account account(Map<String, Object> r, Set<Role> roles, RegionScope scope) {
    return new Account((String) r.get("username"), (String) r.get("display_name"), (String) r.get("password_hash"),
        (Boolean) r.get("enabled"), roles, scope);
  }

  /** PostgreSQL's driver binds OffsetDateTime, not Instant, to timestamptz. */
  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
