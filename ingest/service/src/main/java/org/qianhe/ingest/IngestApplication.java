package org.qianhe.ingest;

import org.qianhe.ingest.admin.AdminCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The terminal upload service: accepts consents over HTTP and produces them to Kafka.
 *
 * <p>The demo launcher runs this app and the search app in one JVM, so this app reads its own
 * configuration file ({@code ingest.properties}), never {@code application.properties}, which
 * would be whichever app's file comes first on the class path.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

  /** Base name of this app's configuration files: {@code ingest.properties}, {@code ingest-<profile>.properties}. */
  public static final String CONFIG_NAME = "ingest";

  /** Starts the service; {@code args} are Spring Boot arguments such as {@code --server.port=0}. */
  public static ConfigurableApplicationContext start(String... args) {
    return new SpringApplicationBuilder(IngestApplication.class)
        .properties("spring.config.name=" + CONFIG_NAME)
        .run(args);
  }

  /** Starts the service, or with {@code admin ...} runs the administration CLI ({@link AdminCli}) against a running one. */
  public static void main(String[] args) {
    if (args.length > 0 && "admin".equals(args[0])) {
      System.exit(AdminCli.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
    }
    start(args);
  }
}
