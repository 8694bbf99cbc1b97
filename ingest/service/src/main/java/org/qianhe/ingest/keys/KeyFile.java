package org.qianhe.ingest.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys in a properties file (base64 values), created with {@link SecureRandom} on first start.
 *
 * <p>Creation is safe against a second service starting at the same moment on the same data
 * directory ({@link PrivateFiles}). Messages name the file and the entry, never a key.
 */
final class KeyFile implements KeyMaterial {

  static final String BLIND_INDEX_KEY = "blind-index.key";
  static final String SEALING_KEY_ID = "identity-sealing.key-id";
  static final String SEALING_KEY = "identity-sealing.key";
  private static final int KEY_BYTES = 32;
  private static final Logger log = LoggerFactory.getLogger(KeyFile.class);

  private final byte[] blindIndexKey;
  private final String sealingKeyId;
  private final byte[] sealingKey;

  private KeyFile(byte[] blindIndexKey, String sealingKeyId, byte[] sealingKey) {
    this.blindIndexKey = blindIndexKey;
    this.sealingKeyId = sealingKeyId;
    this.sealingKey = sealingKey;
  }

  static KeyFile loadOrCreate(Path file, SecureRandom random) {
    try {
      if (!Files.exists(file)) {
        create(file, random);
      }
      PrivateFiles.warnIfReadableByOthers(file);
      return load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key file " + file, e);
    }
  }

  static KeyFile load(Path file) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    }
    String keyId = properties.getProperty(SEALING_KEY_ID, "").strip();
    if (keyId.isEmpty()) {
      throw new IllegalStateException("key file " + file + " has no " + SEALING_KEY_ID);
    }
    return new KeyFile(key(properties, BLIND_INDEX_KEY, file), keyId, key(properties, SEALING_KEY, file));
  }

  private static byte[] key(Properties properties, String name, Path file) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(properties.getProperty(name, "").strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("key file " + file + ": " + name + " is not base64");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalStateException("key file " + file + ": " + name + " must be " + KEY_BYTES + " bytes");
    }
    return key;
  }

  private static void create(Path file, SecureRandom random) throws IOException {
    Properties keys = new Properties();
    keys.setProperty(BLIND_INDEX_KEY, Base64.getEncoder().encodeToString(randomBytes(random, KEY_BYTES)));
    keys.setProperty(SEALING_KEY_ID, "ingest-seal-" + HexFormat.of().formatHex(randomBytes(random, 4)));
    keys.setProperty(SEALING_KEY, Base64.getEncoder().encodeToString(randomBytes(random, KEY_BYTES)));
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    keys.store(content, "Qianhe ingest keys: blind index (HMAC-SHA256) and identity sealing (AES-256-GCM). "
        + "Losing this file makes sealed identities unreadable and blind indexes unmatchable.");
    if (PrivateFiles.createOnce(file, content.toByteArray())) {
      log.info("created key file {} (sealing key id {})", file, keys.getProperty(SEALING_KEY_ID));
    }
  }

  private static byte[] randomBytes(SecureRandom random, int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  @Override
  public byte[] blindIndexKey() {
    return blindIndexKey.clone();
  }

  @Override
  public String sealingKeyId() {
    return sealingKeyId;
  }

  @Override
  public byte[] sealingKey() {
    return sealingKey.clone();
  }
}
