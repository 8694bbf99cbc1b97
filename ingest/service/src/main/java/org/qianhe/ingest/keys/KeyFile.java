package org.qianhe.ingest.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys in a properties file (base64 values), created with {@link SecureRandom} on first start.
 *
 * <p>Creation is safe against a second service starting at the same moment on the same data
 * directory: the keys are written to a private temporary file and hard-linked into place, which
 * fails if the file already exists, so exactly one set of keys wins and everyone reads it. Messages
 * name the file and the entry, never a key.
 */
final class KeyFile implements KeyMaterial {

  static final String BLIND_INDEX_KEY = "blind-index.key";
  static final String SEALING_KEY_ID = "identity-sealing.key-id";
  static final String SEALING_KEY = "identity-sealing.key";
  private static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
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
      warnIfReadableByOthers(file);
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
    Path dir = file.toAbsolutePath().getParent();
    createPrivateDirectory(dir);
    Properties keys = new Properties();
    keys.setProperty(BLIND_INDEX_KEY, Base64.getEncoder().encodeToString(randomBytes(random, KEY_BYTES)));
    keys.setProperty(SEALING_KEY_ID, "ingest-seal-" + HexFormat.of().formatHex(randomBytes(random, 4)));
    keys.setProperty(SEALING_KEY, Base64.getEncoder().encodeToString(randomBytes(random, KEY_BYTES)));

    Path temp = posix(dir)
        ? Files.createTempFile(dir, ".keys", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, ".keys", ".tmp", new FileAttribute<?>[0]);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
           OutputStream out = Channels.newOutputStream(channel)) {
        keys.store(out, "Qianhe ingest keys: blind index (HMAC-SHA256) and identity sealing (AES-256-GCM). "
            + "Losing this file makes sealed identities unreadable and blind indexes unmatchable.");
        channel.force(true);
      }
      publish(temp, file);
      log.info("created key file {} (sealing key id {})", file, keys.getProperty(SEALING_KEY_ID));
    } catch (FileAlreadyExistsException e) {
      log.info("key file {} was created by another process; using it", file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The key directory is the owner's alone (700); directories above it are left as the OS makes them. */
  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      if (posix(dir.getParent())) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException raced) {
      // another service created it a moment ago
    }
  }

  /** Puts the finished file in place only if none exists: a hard link never replaces a file. */
  private static void publish(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
    } catch (UnsupportedOperationException e) {
      Files.move(temp, file); // no hard links here: a non-replacing move is the next best thing
    }
  }

  private static void warnIfReadableByOthers(Path file) throws IOException {
    if (posix(file.toAbsolutePath().getParent())
        && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
      log.warn("key file {} is readable by other users; it should have permissions 600", file);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
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
