package org.qianhe.search;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The read-only trace API for CDC analysts, answered from Elasticsearch.
 *
 * <p>The demo launcher runs this app and the ingest app in one JVM, so this app reads its own
 * configuration file ({@code search.properties}), never {@code application.properties}, which
 * would be whichever app's file comes first on the class path.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SearchApplication {

  /** Base name of this app's configuration files: {@code search.properties}, {@code search-<profile>.properties}. */
  public static final String CONFIG_NAME = "search";

  /** Starts the service; {@code args} are Spring Boot arguments such as {@code --server.port=0}. */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(SearchApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }

  public static void main(String[] args) {
    start(args);
  }
}
