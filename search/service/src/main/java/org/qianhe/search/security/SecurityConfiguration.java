package org.qianhe.search.security;

import org.qianhe.search.audit.AuditLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two doors, one set of accounts.
 *
 * <ul>
 *   <li>{@code /v1/**}, the REST API for scripts and the CLI: HTTP Basic on every request, no
 *       session and therefore no CSRF token (a browser's cookies never authenticate it).</li>
 *   <li>Everything else, the web UI: a login form, a session cookie that times out
 *       ({@code server.servlet.session.timeout}), CSRF tokens on every form, and a content
 *       security policy that allows only this server's own scripts and styles.</li>
 * </ul>
 *
 * Roles: readers (ANALYST, TRACE_OFFICER, REVIEWER) search, view and export; only
 * TRACE_OFFICER unmasks and views evidence; only REVIEWER reviews paper pages ({@code /review});
 * only ADMIN manages accounts and the audit log. The region scope is not
 * a URL rule: it is part of every Elasticsearch query ({@code ScopedIndex}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Bean
  AuthenticationManager authenticationManager(PasswordAuthenticationProvider passwords) {
    return new ProviderManager(passwords);
  }

  @Bean
  @Order(1)
  SecurityFilterChain api(HttpSecurity http, AuthenticationManager manager, AuditLog audit) throws Exception {
    ApiAuthenticationEntryPoint entryPoint = new ApiAuthenticationEntryPoint();
    http.securityMatcher("/v1/**")
        .authenticationManager(manager)
        .authorizeHttpRequests(a -> a
            .requestMatchers(HttpMethod.GET, "/v1/openapi.yaml").permitAll()
            .requestMatchers("/v1/admin/**").hasRole(Role.ADMIN.name())
            .requestMatchers("/v1/review", "/v1/review/**").hasRole(Role.REVIEWER.name())
            .requestMatchers(HttpMethod.POST, "/v1/consents/*/unmask", "/v1/consents/*/evidence/*")
                .hasRole(Role.TRACE_OFFICER.name())
            .anyRequest().hasAnyRole(Role.readerNames()))
        .httpBasic(b -> b.realmName(ApiAuthenticationEntryPoint.REALM).authenticationEntryPoint(entryPoint))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
            .accessDeniedHandler(new AuditingAccessDeniedHandler(audit, true)));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain ui(HttpSecurity http, AuthenticationManager manager, AuditLog audit) throws Exception {
    http.authenticationManager(manager)
        .authorizeHttpRequests(a -> a
            .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/error",
                "/actuator/health", "/actuator/health/**").permitAll()
            .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
            .requestMatchers("/review", "/review/**").hasRole(Role.REVIEWER.name())
            .requestMatchers(HttpMethod.POST, "/consents/*/unmask", "/consents/*/evidence").hasRole(Role.TRACE_OFFICER.name())
            .requestMatchers("/").authenticated()
            .anyRequest().hasAnyRole(Role.readerNames()))
        .formLogin(f -> f.loginPage("/login").loginProcessingUrl("/login")
            .defaultSuccessUrl("/", true).failureHandler(new LoginFailureHandler()).permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY)))
        .exceptionHandling(e -> e.accessDeniedHandler(new AuditingAccessDeniedHandler(audit, false)));
    return http.build();
  }
}
