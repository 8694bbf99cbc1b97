package org.qianhe.ingest.admin;

import org.qianhe.ingest.keys.AdminToken;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the admin token check in front of every administration endpoint. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration implements WebMvcConfigurer {

  static final String ADMIN_PATHS = "/v1/admin/**";

  private final AdminToken token;

  AdminConfiguration(AdminToken token) {
    this.token = token;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new AdminAuthorization(token)).addPathPatterns(ADMIN_PATHS);
  }
}
