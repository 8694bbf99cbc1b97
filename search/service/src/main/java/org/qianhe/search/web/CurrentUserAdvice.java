package org.qianhe.search.web;

import org.qianhe.search.security.Analyst;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in account into every page's model, for the navigation (Thymeleaf 3.1 has no #request). */
@ControllerAdvice(basePackages = {"org.qianhe.search.web", "org.qianhe.search.admin", "org.qianhe.search.review"})
class CurrentUserAdvice {

  @ModelAttribute("currentUser")
  Analyst currentUser() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof Analyst a ? a : null;
  }
}
