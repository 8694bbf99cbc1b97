package org.qianhe.ingest.system;

import java.io.IOException;
import java.nio.file.Path;
import org.qianhe.ingest.evidence.EvidenceKeys;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.evidence.Pkcs12EvidenceKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The evidence store of this deployment (library {@code ingest/evidence}): keys from the PKCS12
 * keystore (password from configuration or its owner-only password file), objects on the
 * configured Hadoop FileSystem, sealed with the deployment's suite. Closed with the application.
 */
@Configuration(proxyBeanMethods = false)
class EvidenceConfiguration {

  @Bean
  Pkcs12EvidenceKeys evidenceKeys(IngestProperties properties) {
    Path keystore = properties.evidenceKeystore();
    String configured = properties.evidence().keystorePassword();
    char[] password = configured == null || configured.isBlank()
        ? Pkcs12EvidenceKeys.passwordFromFile(keystore.resolveSibling(keystore.getFileName() + ".password"))
        : configured.toCharArray();
    return Pkcs12EvidenceKeys.loadOrCreate(keystore, password, properties.suite());
  }

  @Bean(destroyMethod = "close")
  EvidenceStore evidenceStore(IngestProperties properties, EvidenceKeys keys) throws IOException {
    return EvidenceStore.open(properties.evidenceRoot(), properties.suite(), keys, properties.evidence().syncDirectories());
  }
}
