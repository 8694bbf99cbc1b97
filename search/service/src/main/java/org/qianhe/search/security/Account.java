package org.qianhe.search.security;

import java.util.Set;

/**
 * An account as stored: the password only as its Argon2id hash.
 *
 * @param passwordHash Spring Security's encoded form ({@code {argon2}$argon2id$...})
 */
public record Account(String username, String displayName, String passwordHash, boolean enabled,
    Set<Role> roles, RegionScope scope) {

  public Analyst analyst() {
    return new Analyst(username, displayName, roles, scope);
  }

  /** Without the hash: what the admin page lists. */
  @Override
  public String toString() {
    return "Account[" + username + ", roles " + roles + ", regions " + scope + (enabled ? "" : ", disabled") + "]";
  }
}
