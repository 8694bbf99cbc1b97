package org.qianhe.ingest.terminal;

import java.time.Clock;
import org.qianhe.ingest.system.IngestProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The service's registry: cached for {@code qianhe.ingest.terminal-cache-ttl}, since every upload looks up its terminal. */
@Configuration(proxyBeanMethods = false)
class TerminalConfiguration {

  @Bean
  TerminalRegistry terminalRegistry(JdbcClient jdbc, Clock clock, IngestProperties properties) {
    return new TerminalRegistry(jdbc, clock, properties.terminalCacheTtl());
  }
}
