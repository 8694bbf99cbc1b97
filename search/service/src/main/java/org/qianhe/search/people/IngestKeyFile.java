package org.qianhe.search.people;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.search.system.SearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the key file the ingest service creates ({@code <data-dir>/keys/ingest-keys.properties}:
 * {@code blind-index.key}, {@code identity-sealing.key-id}, {@code identity-sealing.key}, Base64
 * of 32 bytes each; ingest's {@code KeyFile} is the writer). Never creates it: keys made here
 * would match nothing ingest wrote.
 *
 * <p>Read on first use rather than at startup, because the search service may start before
 * ingest has created the file; once read, the keys are kept. Messages name the file and the
 * entry, never a key.
 */
@Component
class IngestKeyFile implements PeopleKeys {

  static final String BLIND_INDEX_KEY = "blind-index.key";
  static final String SEALING_KEY_ID = "identity-sealing.key-id";
  static final String SEALING_KEY = "identity-sealing.key";
  private static final int KEY_BYTES = 32;
  private static final Logger log = LoggerFactory.getLogger(IngestKeyFile.class);

  private record Keys(BlindIndex blindIndex, IdentitySealer sealer, String sealingKeyId) {}

  private final Path file;
  private volatile Keys keys;

  IngestKeyFile(SearchProperties properties) {
    this.file = properties.keyFile();
  }

  @Override
  public Optional<BlindIndex> blindIndex() {
    return load().map(Keys::blindIndex);
  }

  @Override
  public Optional<IdentitySealer> sealer(String keyId) {
    return load().filter(k -> k.sealingKeyId().equals(keyId)).map(Keys::sealer);
  }

  private Optional<Keys> load() {
    Keys loaded = keys;
    if (loaded != null) {
      return Optional.of(loaded);
    }
    synchronized (this) {
      if (keys == null && Files.isRegularFile(file)) {
        keys = read(file);
        log.info("read the ingest keys from {} (sealing key id {})", file, keys.sealingKeyId());
      }
      return Optional.ofNullable(keys);
    }
  }

  static Keys read(Path file) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the key file " + file + ": " + e.getClass().getSimpleName());
    }
    String keyId = properties.getProperty(SEALING_KEY_ID, "").strip();
    if (keyId.isEmpty()) {
      throw new IllegalStateException("key file " + file + " has no " + SEALING_KEY_ID);
    }
    return new Keys(new BlindIndex(key(properties, BLIND_INDEX_KEY, file)),
        new IdentitySealer(keyId, key(properties, SEALING_KEY, file)), keyId);
  }

  private static byte[] key(Properties properties, String name, Path file) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(properties.getProperty(name, "").strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("key file " + file + ": " + name + " is not Base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalStateException("key file " + file + ": " + name + " must be " + KEY_BYTES + " bytes");
    }
    return key;
  }
}
