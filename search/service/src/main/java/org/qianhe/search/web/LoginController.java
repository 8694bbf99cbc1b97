package org.qianhe.search.web;

import org.qianhe.search.security.Analyst;
import org.qianhe.search.security.Role;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form (Spring Security checks what it posts) and the landing page after it. */
@Controller
class LoginController {

  @GetMapping("/login")
  String login() {
    return "login";
  }

  /** Readers land on the search; an administrator who reads no consents, on the audit log. */
  @GetMapping("/")
  String home(@AuthenticationPrincipal Analyst who) {
    return who.reads() || !who.has(Role.ADMIN) ? "redirect:/search" : "redirect:/admin/audit";
  }
}
