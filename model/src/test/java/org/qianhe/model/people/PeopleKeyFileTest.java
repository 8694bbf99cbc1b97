package org.qianhe.model.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeopleKeyFileTest {

  private static final String BLIND = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String SEAL = Base64.getEncoder().encodeToString(filled(32, (byte) 7));

  @TempDir
  Path dir;

  @Test
  void readsTheKeysIngestWrote() throws Exception {
    Path file = write("blind-index.key=" + BLIND + "\nidentity-sealing.key-id=ingest-seal-0a0b0c0d\nidentity-sealing.key=" + SEAL + "\n");

    PeopleKeyFile keys = PeopleKeyFile.read(file);

    assertThat(keys.sealingKeyId()).isEqualTo("ingest-seal-0a0b0c0d");
    assertThat(keys.blindIndex().of("410105201903071234")).isEqualTo(new BlindIndex(new byte[32]).of("410105201903071234"));
    IdentitySealer same = new IdentitySealer("ingest-seal-0a0b0c0d", filled(32, (byte) 7));
    byte[] identity = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(same.open(keys.sealer().seal(identity, "c-1"), "c-1")).isEqualTo(identity);
    assertThat(keys.toString()).doesNotContain(SEAL, BLIND);
  }

  @Test
  void refusesMissingOrMalformedFilesWithoutPrintingKeys() throws Exception {
    assertThatThrownBy(() -> PeopleKeyFile.read(dir.resolve("absent.properties")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> PeopleKeyFile.read(write("blind-index.key=" + BLIND + "\nidentity-sealing.key=" + SEAL)))
        .hasMessageContaining("has no identity-sealing.key-id");
    assertThatThrownBy(() -> PeopleKeyFile.read(write("blind-index.key=***\nidentity-sealing.key-id=k\nidentity-sealing.key=" + SEAL)))
        .hasMessageContaining("blind-index.key is not Base64");
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> PeopleKeyFile.read(write("blind-index.key=" + BLIND + "\nidentity-sealing.key-id=k\nidentity-sealing.key=" + shortKey)))
        .hasMessageContaining("identity-sealing.key must be 32 bytes").hasMessageNotContaining(shortKey);
  }

  private Path write(String content) throws Exception {
    Path file = Files.createTempFile(dir, "keys", ".properties");
    Files.writeString(file, content);
    return file;
  }

  private static byte[] filled(int n, byte b) {
    byte[] bytes = new byte[n];
    java.util.Arrays.fill(bytes, b);
    return bytes;
  }
}
