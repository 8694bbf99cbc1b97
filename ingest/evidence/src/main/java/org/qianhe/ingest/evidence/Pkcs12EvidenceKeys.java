package org.qianhe.ingest.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence keys in a PKCS12 keystore file (the embedded default; a KMS replaces this class
 * behind {@link EvidenceKeys}). Entries:
 *
 * <ul>
 *   <li>{@code address-key}: 32 bytes, the key of the keyed digest objects are addressed by;</li>
 *   <li>one entry per key-encryption key, its alias being its id: {@code <suite>-kek-<UTC time>-<random>}
 *       (16-byte SM4 keys for GM, 32-byte AES-256 keys for INTL). The newest KEK of the configured suite is
 *       current; older ones stay for reading.</li>
 * </ul>
 *
 * <p>{@link #rotate()} adds a KEK and replaces the file atomically. A process that meets a KEK id it
 * does not know (rotated by another process) reloads the file once. The keystore password comes
 * from configuration, or for the embedded default from an owner-only file created beside the
 * keystore on first start ({@link #passwordFromFile}). <b>Losing the keystore makes every evidence
 * object unreadable.</b>
 */
public final class Pkcs12EvidenceKeys implements EvidenceKeys {

  static final String ADDRESS_KEY = "address-key";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS", Locale.ROOT);
  private static final Logger log = LoggerFactory.getLogger(Pkcs12EvidenceKeys.class);

  private final Path file;
  private final char[] password;
  private final CryptoSuite suite;
  private final SecureRandom random = new SecureRandom();
  private volatile Loaded loaded;

  private Pkcs12EvidenceKeys(Path file, char[] password, CryptoSuite suite, Loaded loaded) {
    this.file = file;
    this.password = password.clone();
    this.suite = suite;
    this.loaded = loaded;
  }

  /** Opens the keystore, creating it with an address key and a first KEK of the suite when missing. */
  public static Pkcs12EvidenceKeys loadOrCreate(Path file, char[] password, CryptoSuite suite) {
    try {
      if (!Files.exists(file)) {
        KeyStore created = emptyStore(password);
        SecureRandom random = new SecureRandom();
        byte[] addressKey = new byte[32];
        random.nextBytes(addressKey);
        set(created, ADDRESS_KEY, new SecretKeySpec(addressKey, "HmacSHA256"), password);
        set(created, newKekId(suite, random), new SecretKeySpec(newKek(suite, random), "AES"), password);
        if (SecretFiles.createOnce(file, bytes(created, password))) {
          log.info("created evidence keystore {} ({} KEK)", file, suite.name());
        }
      }
      Pkcs12EvidenceKeys keys = new Pkcs12EvidenceKeys(file, password, suite, load(file, password));
      if (keys.loaded.current(suite) == null) {
        keys.rotate(); // a keystore of another suite: add this suite's first KEK
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the evidence keystore " + file, e);
    }
  }

  /**
   * Opens the keystore ingest created, for a process that must never create or change keys (batch
   * jobs, search): keys made there would address and open nothing ingest wrote.
   *
   * @param configuredPassword the configured keystore password, or blank for the owner-only file
   *                           ingest created beside the keystore ({@link #passwordFromFile})
   * @throws EvidenceKeysMissingException when the file or its password is missing, or it holds no key of the suite
   */
  public static Pkcs12EvidenceKeys loadExisting(Path file, String configuredPassword, CryptoSuite suite) {
    if (!Files.isRegularFile(file)) {
      throw new EvidenceKeysMissingException("evidence keystore " + file + " does not exist: it must be ingest's "
          + "(created on its first start); this process never creates keys");
    }
    char[] password = existingPassword(file, configuredPassword);
    try {
      Pkcs12EvidenceKeys keys = new Pkcs12EvidenceKeys(file, password, suite, load(file, password));
      if (keys.loaded.current(suite) == null) {
        throw new EvidenceKeysMissingException("evidence keystore " + file + " holds no key-encryption key of suite "
            + suite.name() + ": configure the crypto suite ingest runs");
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the evidence keystore " + file, e);
    }
  }

  private static char[] existingPassword(Path keystore, String configured) {
    if (configured != null && !configured.isBlank()) {
      return configured.toCharArray();
    }
    Path file = keystore.resolveSibling(keystore.getFileName() + ".password");
    if (!Files.isRegularFile(file)) {
      throw new EvidenceKeysMissingException("no evidence keystore password configured and no password file " + file);
    }
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the evidence keystore password file " + file, e);
    }
  }

  /**
   * The keystore password kept in an owner-only file (the embedded default), created with a random
   * value on first use.
   */
  public static char[] passwordFromFile(Path passwordFile) {
    try {
      byte[] fresh = new byte[24];
      new SecureRandom().nextBytes(fresh);
      SecretFiles.createOnce(passwordFile, (Base64.getUrlEncoder().withoutPadding().encodeToString(fresh) + "\n")
          .getBytes(StandardCharsets.US_ASCII));
      return Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the evidence keystore password file " + passwordFile, e);
    }
  }

  /** Adds a new KEK of the suite, which becomes current; returns its id. Old KEKs stay. */
  public synchronized String rotate() {
    try {
      KeyStore store = load(file, password).store;
      String kekId = newKekId(suite, random);
      set(store, kekId, new SecretKeySpec(newKek(suite, random), "AES"), password);
      SecretFiles.replace(file, bytes(store, password));
      loaded = load(file, password);
      log.info("evidence KEK rotated: {} is current", kekId);
      return kekId;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rotate the KEK of " + file, e);
    }
  }

  /** Every KEK id, oldest first. */
  public List<String> kekIds() {
    return List.copyOf(loaded.keks.keySet());
  }

  @Override
  public String currentKekId() {
    return loaded.current(suite);
  }

  @Override
  public WrappedKey wrap(byte[] dataKey, byte[] associatedData) {
    String kekId = currentKekId();
    byte[] nonce = new byte[CryptoSuite.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = suite.encrypt(loaded.keks.get(kekId), nonce, associatedData, dataKey);
    byte[] wrapped = new byte[nonce.length + sealed.length];
    System.arraycopy(nonce, 0, wrapped, 0, nonce.length);
    System.arraycopy(sealed, 0, wrapped, nonce.length, sealed.length);
    return new WrappedKey(kekId, wrapped);
  }

  @Override
  public byte[] unwrap(String kekId, byte[] wrapped, byte[] associatedData) {
    byte[] kek = loaded.keks.get(kekId);
    if (kek == null) {
      reloadOnce();
      kek = loaded.keks.get(kekId);
      if (kek == null) {
        throw new UnknownKeyException(kekId);
      }
    }
    CryptoSuite kekSuite = suiteOf(kekId);
    if (wrapped.length < CryptoSuite.NONCE_BYTES) {
      throw new org.qianhe.model.crypto.DecryptionException();
    }
    byte[] nonce = java.util.Arrays.copyOf(wrapped, CryptoSuite.NONCE_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(wrapped, CryptoSuite.NONCE_BYTES, wrapped.length);
    return kekSuite.decrypt(kek, nonce, associatedData, sealed);
  }

  @Override
  public byte[] addressMac(CryptoSuite macSuite, byte[] data) {
    return macSuite.mac(loaded.addressKey, data);
  }

  private synchronized void reloadOnce() {
    try {
      loaded = load(file, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reload the evidence keystore " + file, e);
    }
  }

  static CryptoSuite suiteOf(String kekId) {
    return CryptoSuites.of(kekId.substring(0, kekId.indexOf('-')));
  }

  private static String newKekId(CryptoSuite suite, SecureRandom random) {
    byte[] tag = new byte[2];
    random.nextBytes(tag);
    return suite.name().toLowerCase(Locale.ROOT) + "-kek-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC))
        .toLowerCase(Locale.ROOT) + "-" + HexFormat.of().formatHex(tag);
  }

  private static byte[] newKek(CryptoSuite suite, SecureRandom random) {
    byte[] kek = new byte[suite.cipherKeyBytes()];
    random.nextBytes(kek);
    return kek;
  }

  private static KeyStore emptyStore(char[] password) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, password);
      return store;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PKCS12 is part of every Java runtime", e);
    }
  }

  private static void set(KeyStore store, String alias, SecretKey key, char[] password) {
    try {
      store.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot store key " + alias + ": " + e.getClass().getSimpleName());
    }
  }

  private static byte[] bytes(KeyStore store, char[] password) throws IOException {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password);
      return out.toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the keystore: " + e.getClass().getSimpleName());
    }
  }

  private static Loaded load(Path file, char[] password) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(Files.readAllBytes(file)), password);
      byte[] addressKey = null;
      List<String> aliases = new ArrayList<>(Collections.list(store.aliases()));
      List<String> kekAliases = new ArrayList<>();
      for (String alias : aliases) {
        if (alias.equals(ADDRESS_KEY)) {
          addressKey = secret(store, alias, password);
        } else if (alias.contains("-kek-")) {
          kekAliases.add(alias);
        }
      }
      if (addressKey == null) {
        throw new IllegalStateException("evidence keystore " + file + " has no " + ADDRESS_KEY);
      }
      // Oldest first by creation date; the alias (which starts with the creation time) breaks ties.
      kekAliases.sort((a, b) -> {
        int byDate = creationDate(store, a).compareTo(creationDate(store, b));
        return byDate != 0 ? byDate : a.compareTo(b);
      });
      Map<String, byte[]> keks = new LinkedHashMap<>();
      for (String alias : kekAliases) {
        keks.put(alias, secret(store, alias, password));
      }
      return new Loaded(store, addressKey, keks);
    } catch (GeneralSecurityException e) {
      // a wrong password ends here too; the message names the file, never the password
      throw new IllegalStateException("cannot open the evidence keystore " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private static Date creationDate(KeyStore store, String alias) {
    try {
      return store.getCreationDate(alias);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] secret(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
    KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(password));
    if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
      throw new IllegalStateException("keystore entry " + alias + " is not a secret key");
    }
    return secret.getSecretKey().getEncoded();
  }

  private record Loaded(KeyStore store, byte[] addressKey, Map<String, byte[]> keks) {
    /** The newest KEK of the suite, or null. */
    String current(CryptoSuite suite) {
      String current = null;
      for (String id : keks.keySet()) {
        if (suiteOf(id) == suite) {
          current = id;
        }
      }
      return current;
    }
  }
}
