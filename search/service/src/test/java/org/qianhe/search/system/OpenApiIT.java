package org.qianhe.search.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI description is served without a login and names every {@code /v1} endpoint the service has. */
@ExtendWith(SearchFixtureExtension.class)
class OpenApiIT {

  @Test
  void describesEveryRestEndpoint(SearchFixture f) {
    HttpResponse<String> response = f.get(null, "/v1/openapi.yaml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
    Set<String> endpoints = new TreeSet<>();
    f.app().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet()
        .forEach(info -> info.getPatternValues().stream().filter(p -> p.startsWith("/v1/"))
            .forEach(p -> info.getMethodsCondition().getMethods()
                .forEach(m -> endpoints.add(p + " " + m.name().toLowerCase()))));
    assertThat(endpoints).hasSizeGreaterThanOrEqualTo(12);
    String yaml = response.body();
    for (String endpoint : endpoints) {
      String path = endpoint.substring(0, endpoint.indexOf(' '));
      String method = endpoint.substring(endpoint.indexOf(' ') + 1);
      int at = yaml.indexOf("\n  " + path + ":\n");
      assertThat(at).as(path + " documented").isPositive();
      int end = yaml.indexOf("\n  /", at + 3);
      String section = yaml.substring(at, end < 0 ? yaml.indexOf("\ncomponents:") : end);
      assertThat(section).as(endpoint + " documented").contains("\n    " + method + ":");
    }
  }
}
