package org.qianhe.ingest.keys;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the key material into the model's people protection. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

  /** Where the embedded default keeps its keys, relative to the data directory. */
  static final Path KEY_FILE = Path.of("keys", "ingest-keys.properties");

  @Bean
  KeyMaterial keyFile(IngestProperties properties) {
    return KeyFile.loadOrCreate(properties.dataDir().resolve(KEY_FILE), new SecureRandom());
  }

  /** The key receipts are signed with, in the deployment's suite. */
  @Bean
  SigningKey receiptSigningKey(IngestProperties properties) {
    return ReceiptKeyFile.loadOrCreate(ReceiptKeyFile.path(properties.dataDir(), properties.suite()),
        properties.suite(), new SecureRandom());
  }

  @Bean
  AdminToken adminToken(IngestProperties properties) {
    return AdminToken.configuredOrCreated(properties.admin().token(), properties.dataDir(), new SecureRandom());
  }

  @Bean
  PeopleProtector peopleProtector(KeyMaterial keys) {
    return new PeopleProtector(new BlindIndex(keys.blindIndexKey()),
        new IdentitySealer(keys.sealingKeyId(), keys.sealingKey()));
  }
}
