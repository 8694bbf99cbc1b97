package org.qianhe.batch.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import org.qianhe.model.people.IdentitySealer;

/**
 * Ingest's key file ({@code data-dir/keys/ingest-keys.properties}), read for its identity-sealing
 * key only: with it, verify opens a record's sealed identity in memory to rebuild the upload the
 * terminal signed. Messages name the file and entry, never a key.
 */
final class IdentityKeyFile {

  static final String SEALING_KEY_ID = "identity-sealing.key-id";
  static final String SEALING_KEY = "identity-sealing.key";

  private IdentityKeyFile() {}

  static IdentitySealer load(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ingest's key file " + file + " (qianhe.batch.verify.identity-key-file)", e);
    }
    String keyId = properties.getProperty(SEALING_KEY_ID, "").strip();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(properties.getProperty(SEALING_KEY, "").strip());
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (keyId.isEmpty() || key.length != 32) {
      throw new IllegalStateException("key file " + file + " has no " + SEALING_KEY_ID + " or no 32-byte " + SEALING_KEY);
    }
    return new IdentitySealer(keyId, key);
  }
}
