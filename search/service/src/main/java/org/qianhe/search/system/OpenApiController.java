package org.qianhe.search.system;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/openapi.yaml}: the REST API's description, written by hand next to the code
 * ({@code openapi/openapi.yaml}); a test checks that every {@code /v1} endpoint is in it.
 * Public: it describes the API, it holds no data.
 */
@RestController
class OpenApiController {

  static final MediaType YAML = MediaType.parseMediaType("application/yaml");
  private final Resource description = new ClassPathResource("openapi/openapi.yaml");

  @GetMapping("/v1/openapi.yaml")
  ResponseEntity<Resource> openApi() {
    return ResponseEntity.ok().contentType(YAML).cacheControl(CacheControl.noCache()).body(description);
  }
}
