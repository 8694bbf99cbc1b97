package org.qianhe.search.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SearchPropertiesTest {

  private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

  @Test
  void defaultsPointAtTheLocalNodeWithPagesOfAHundredUpToAThousand() {
    SearchProperties properties = bind(Map.of());

    assertThat(properties.elasticsearch().url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(properties.defaultPageSize()).isEqualTo(100);
    assertThat(properties.maxPageSize()).isEqualTo(1000);
    assertThat(VALIDATOR.validate(properties)).isEmpty();
  }

  @Test
  void theKeyFileIsIngestsInTheDataDirectoryUnlessNamed() {
    assertThat(bind(Map.of("qianhe.search.data-dir", "/srv/qianhe")).keyFile())
        .isEqualTo(java.nio.file.Path.of("/srv/qianhe/keys/ingest-keys.properties"));
    assertThat(bind(Map.of("qianhe.search.keys.file", "/etc/qianhe/keys.properties")).keyFile())
        .isEqualTo(java.nio.file.Path.of("/etc/qianhe/keys.properties"));
  }

  @Test
  void securityDefaultsFollowOwaspForArgon2idAndThrottleAfterFiveFailures() {
    SearchProperties.Security security = bind(Map.of()).security();

    assertThat(security.argon2MemoryKib()).isEqualTo(19456);
    assertThat(security.argon2Iterations()).isEqualTo(2);
    assertThat(security.maxLoginFailures()).isEqualTo(5);
    assertThat(security.minPasswordLength()).isGreaterThanOrEqualTo(12);
  }

  @Test
  void refusesADefaultPageLargerThanTheMaximum() {
    SearchProperties properties = bind(Map.of("qianhe.search.default-page-size", "500",
        "qianhe.search.max-page-size", "200"));

    assertThat(violations(properties)).containsExactly("defaultWithinMax");
  }

  @Test
  void refusesPageSizesElasticsearchCannotServe() {
    SearchProperties properties = bind(Map.of("qianhe.search.default-page-size", "0",
        "qianhe.search.max-page-size", "10000"));

    assertThat(violations(properties)).contains("defaultPageSize", "maxPageSize");
  }

  @Test
  void refusesAnElasticsearchUrlThatIsNotHttp() {
    SearchProperties properties = bind(Map.of("qianhe.search.elasticsearch.url", "127.0.0.1:9200"));

    assertThat(violations(properties)).containsExactly("elasticsearch.url");
  }

  @Test
  void refusesAnAuditRetentionUnderThreeYears() {
    assertThat(violations(bind(Map.of("qianhe.search.audit.retention", "35m")))).containsExactly("audit.retentionAtLeastMinimum");
    assertThat(violations(bind(Map.of("qianhe.search.audit.retention", "5y")))).isEmpty();
    assertThat(bind(Map.of()).audit().retention()).isEqualTo(java.time.Period.ofYears(3));
  }

  /** Every key is documented: the configuration metadata carries a description for each. */
  @Test
  void everyKeyHasADescription() throws IOException {
    JsonNode metadata;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("configuration metadata generated at compile time").isNotNull();
      metadata = JsonMapper.builder().build().readTree(in);
    }
    List<String> keys = new ArrayList<>();
    for (JsonNode property : metadata.path("properties")) {
      keys.add(property.path("name").asString());
      assertThat(property.path("description").asString()).as(property.path("name").asString()).isNotBlank();
    }
    assertThat(keys).contains("qianhe.search.elasticsearch.url", "qianhe.search.default-page-size",
        "qianhe.search.max-page-size", "qianhe.search.data-dir", "qianhe.search.keys.file",
        "qianhe.search.security.max-login-failures", "qianhe.search.security.credential-cache-ttl",
        "qianhe.search.bootstrap.admin-password", "qianhe.search.bootstrap.users", "qianhe.search.export.batch-size",
        "qianhe.search.export.parallelism",
        "qianhe.search.unmask.min-reason-length", "qianhe.search.crypto-suite", "qianhe.search.evidence.root",
        "qianhe.search.evidence.keystore", "qianhe.search.evidence.keystore-password", "qianhe.search.evidence.max-pixels",
        "qianhe.search.evidence.jpeg-quality", "qianhe.search.audit.retention",
        "qianhe.search.audit.retention-schedule").hasSize(28);
  }

  private static SearchProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("qianhe.search", SearchProperties.class);
  }

  private static List<String> violations(SearchProperties properties) {
    Set<ConstraintViolation<SearchProperties>> violations = VALIDATOR.validate(properties);
    return violations.stream().map(v -> v.getPropertyPath().toString()).sorted().toList();
  }
}
