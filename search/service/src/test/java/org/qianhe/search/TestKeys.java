package org.qianhe.search;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;

/** Fixed test keys, and the ingest key file that holds them, in ingest's format. */
public final class TestKeys {

  public static final String SEALING_KEY_ID = "test-seal-1";

  private TestKeys() {}

  public static byte[] blindIndexKey() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 3);
    return key;
  }

  public static byte[] sealingKey() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 5);
    return key;
  }

  public static PeopleProtector protector() {
    return new PeopleProtector(new BlindIndex(blindIndexKey()), new IdentitySealer(SEALING_KEY_ID, sealingKey()));
  }

  public static BlindIndex blindIndex() {
    return new BlindIndex(blindIndexKey());
  }

  /** Writes {@code <dataDir>/keys/ingest-keys.properties} as ingest's KeyFile does. */
  public static void writeKeyFile(Path dataDir) throws IOException {
    Path dir = Files.createDirectories(dataDir.resolve("keys"));
    Properties keys = new Properties();
    keys.setProperty("blind-index.key", Base64.getEncoder().encodeToString(blindIndexKey()));
    keys.setProperty("identity-sealing.key-id", SEALING_KEY_ID);
    keys.setProperty("identity-sealing.key", Base64.getEncoder().encodeToString(sealingKey()));
    try (OutputStream out = Files.newOutputStream(dir.resolve("ingest-keys.properties"))) {
      keys.store(out, "test keys");
    }
  }
}
