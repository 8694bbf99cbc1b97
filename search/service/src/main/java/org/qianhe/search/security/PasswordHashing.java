package org.qianhe.search.security;

import java.util.Map;
import org.qianhe.search.system.SearchProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id (RFC 9106, BouncyCastle's implementation) for every password. Hashes are stored with
 * an {@code {argon2}} prefix and carry their own cost parameters, so raising the cost later
 * hashes new passwords harder and still verifies the old ones.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final int PARALLELISM = 1;

  @Bean
  PasswordEncoder passwordEncoder(SearchProperties properties) {
    Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM,
        properties.security().argon2MemoryKib(), properties.security().argon2Iterations());
    return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2));
  }
}
