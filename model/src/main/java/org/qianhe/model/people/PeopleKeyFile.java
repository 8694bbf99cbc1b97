package org.qianhe.model.people;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

/**
 * The people keys of a deployment as the ingest service keeps them
 * ({@code <data-dir>/keys/ingest-keys.properties}: {@code blind-index.key},
 * {@code identity-sealing.key-id}, {@code identity-sealing.key}, Base64 of 32 bytes each). For
 * every process that must make records ingest's keys would make (paper migration) or open what
 * it sealed: one reader, so the format is parsed in one place. Only reads; ingest creates the file.
 * Messages name the file and the entry, never a key.
 */
public record PeopleKeyFile(BlindIndex blindIndex, IdentitySealer sealer, String sealingKeyId) {

  public static final String BLIND_INDEX_KEY = "blind-index.key";
  public static final String SEALING_KEY_ID = "identity-sealing.key-id";
  public static final String SEALING_KEY = "identity-sealing.key";
  private static final int KEY_BYTES = 32;

  /** @throws IllegalStateException when the file is missing, unreadable or an entry is not a 32-byte Base64 key */
  public static PeopleKeyFile read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("key file " + file + " does not exist: it is the ingest service's "
          + "(created on its first start); records made with other keys would match nothing ingest wrote");
    }
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
    return new PeopleKeyFile(new BlindIndex(key(properties, BLIND_INDEX_KEY, file)),
        new IdentitySealer(keyId, key(properties, SEALING_KEY, file)), keyId);
  }

  /** Blind indexes, masks and sealing as ingest applies them. */
  public PeopleProtector protector() {
    return new PeopleProtector(blindIndex, sealer);
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

  @Override
  public String toString() {
    return "PeopleKeyFile[sealing key id " + sealingKeyId + "]";
  }
}
