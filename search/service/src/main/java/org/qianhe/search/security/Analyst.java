package org.qianhe.search.security;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in account as every request sees it: name, roles and region scope. Controllers take
 * it as {@code @AuthenticationPrincipal Analyst}. Serializable because it lives in the web
 * session.
 */
public record Analyst(String username, String displayName, Set<Role> roles, RegionScope scope)
    implements AuthenticatedPrincipal, Serializable {

  public Analyst {
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** May read masked consents (of its scope). */
  public boolean reads() {
    return roles.stream().anyMatch(Role.READERS::contains);
  }

  public List<GrantedAuthority> authorities() {
    return roles.stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
  }

  @Override
  public String getName() {
    return username;
  }
}
