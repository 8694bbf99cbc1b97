package org.qianhe.ingest.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key ingest signs receipts with, one per suite: {@code <data-dir>/keys/ingest-receipt-<suite>.key}
 * (PKCS#8, base64), created on first start like the other key files ({@link PrivateFiles}). Its public
 * half is published at {@code GET /v1/receipt-keys}; losing the file only means new receipts are
 * signed by a new key, old receipts stay verifiable with the published old key.
 */
final class ReceiptKeyFile {

  static final String SIGNING_KEY = "receipt-signing.key";
  private static final Logger log = LoggerFactory.getLogger(ReceiptKeyFile.class);

  private ReceiptKeyFile() {}

  static Path path(Path dataDir, CryptoSuite suite) {
    return dataDir.resolve("keys").resolve("ingest-receipt-" + suite.name().toLowerCase(java.util.Locale.ROOT) + ".key");
  }

  static SigningKey loadOrCreate(Path file, CryptoSuite suite, SecureRandom random) {
    try {
      if (!Files.exists(file)) {
        Properties created = new Properties();
        SigningKey fresh = suite.generateSigningKey(random);
        created.setProperty(SIGNING_KEY, Base64.getEncoder().encodeToString(fresh.encoded()));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        created.store(content, "Qianhe ingest receipt signing key (" + suite.name() + ", PKCS#8)");
        if (PrivateFiles.createOnce(file, content.toByteArray())) {
          log.info("created receipt key file {} ({} key {})", file, suite.name(), fresh.keyId());
        }
      }
      PrivateFiles.warnIfReadableByOthers(file);
      Properties properties = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      }
      try {
        return suite.signingKey(Base64.getDecoder().decode(properties.getProperty(SIGNING_KEY, "").strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("key file " + file + ": " + SIGNING_KEY + " is not a " + suite.name() + " PKCS#8 key");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the receipt key file " + file, e);
    }
  }
}
