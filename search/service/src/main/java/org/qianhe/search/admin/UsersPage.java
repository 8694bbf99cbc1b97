package org.qianhe.search.admin;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.security.RegionScope;
import org.qianhe.search.security.Role;
import org.qianhe.search.security.UserAccounts;
import org.qianhe.search.system.SearchProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/users} (ADMIN): accounts with their roles and regions; create one or change it,
 * enable or disable it. Every change is audited (ADMIN) with the account as target, never the
 * password.
 */
@Controller
class UsersPage {

  private final UserAccounts accounts;
  private final AuditLog audit;
  private final int minPasswordLength;

  UsersPage(UserAccounts accounts, AuditLog audit, SearchProperties properties) {
    this.accounts = accounts;
    this.audit = audit;
    this.minPasswordLength = properties.security().minPasswordLength();
  }

  @GetMapping("/admin/users")
  String list(Model model) {
    model.addAttribute("accounts", accounts.list());
    model.addAttribute("roles", Role.values());
    return "admin/users";
  }

  @PostMapping("/admin/users")
  String save(@AuthenticationPrincipal Analyst who, @RequestParam String username,
      @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String password,
      @RequestParam(name = "roles", required = false) List<String> roles, @RequestParam(defaultValue = "") String regions,
      RedirectAttributes redirect) {
    String name = username.strip();
    Set<Role> granted = EnumSet.noneOf(Role.class);
    RegionScope scope;
    try {
      if (roles != null) {
        roles.forEach(r -> granted.add(Role.valueOf(r)));
      }
      scope = RegionScope.of(Arrays.stream(regions.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList());
      if (!UserAccounts.isValidUsername(name)) {
        throw new IllegalArgumentException("user name");
      }
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("invalid", "roles, regions or user name");
      return "redirect:/admin/users";
    }
    boolean known = accounts.find(name).isPresent();
    if (!password.isEmpty() || !known) {
      if (password.length() < minPasswordLength) {
        redirect.addFlashAttribute("invalid", "password shorter than " + minPasswordLength);
        return "redirect:/admin/users";
      }
      accounts.save(name, displayName, password, granted, scope);
    } else {
      accounts.grant(name, granted, scope);
    }
    audit.record(new AuditEvent(who.username(), AuditAction.ADMIN, name,
        (known ? "account changed" : "account created") + ": roles " + granted + ", regions " + scope, 0, null));
    redirect.addFlashAttribute("saved", name);
    return "redirect:/admin/users";
  }

  @PostMapping("/admin/users/enabled")
  String enable(@AuthenticationPrincipal Analyst who, @RequestParam String username, @RequestParam boolean enabled,
      RedirectAttributes redirect) {
    if (accounts.setEnabled(username, enabled)) {
      audit.record(new AuditEvent(who.username(), AuditAction.ADMIN, username,
          enabled ? "account enabled" : "account disabled", 0, null));
      redirect.addFlashAttribute("saved", username);
    }
    return "redirect:/admin/users";
  }
}
