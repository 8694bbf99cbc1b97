package org.qianhe.ingest.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

  @TempDir
  Path dir;

  @Test
  void firstStartCreatesOwnerOnlyFileWithFreshKeys() throws IOException {
    Path file = dir.resolve("keys/ingest-keys.properties");

    KeyFile keys = KeyFile.loadOrCreate(file, new SecureRandom());

    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    assertThat(keys.blindIndexKey()).hasSize(32);
    assertThat(keys.sealingKey()).hasSize(32).isNotEqualTo(keys.blindIndexKey());
    assertThat(keys.sealingKeyId()).startsWith("ingest-seal-");
    try (var leftovers = Files.list(file.getParent())) {
      assertThat(leftovers).as("no temporary file left behind").containsExactly(file);
    }
  }

  @Test
  void laterStartsReadTheSameKeys() {
    Path file = dir.resolve("ingest-keys.properties");
    KeyFile first = KeyFile.loadOrCreate(file, new SecureRandom());

    KeyFile again = KeyFile.loadOrCreate(file, new SecureRandom());

    assertThat(again.blindIndexKey()).isEqualTo(first.blindIndexKey());
    assertThat(again.sealingKey()).isEqualTo(first.sealingKey());
    assertThat(again.sealingKeyId()).isEqualTo(first.sealingKeyId());
  }

  @Test
  void servicesStartingTogetherAgreeOnOneSetOfKeys() throws Exception {
    Path file = dir.resolve("keys/ingest-keys.properties");
    int starters = 6;
    CyclicBarrier together = new CyclicBarrier(starters);
    ExecutorService pool = Executors.newFixedThreadPool(starters);
    try {
      List<Future<KeyFile>> results = new ArrayList<>();
      for (int i = 0; i < starters; i++) {
        Callable<KeyFile> start = () -> {
          together.await();
          return KeyFile.loadOrCreate(file, new SecureRandom());
        };
        results.add(pool.submit(start));
      }
      byte[] key = results.get(0).get().blindIndexKey();
      for (Future<KeyFile> result : results) {
        assertThat(result.get().blindIndexKey()).isEqualTo(key);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void damagedFileIsRefusedNamingTheEntryNotTheKey() throws IOException {
    Path file = dir.resolve("ingest-keys.properties");
    KeyFile.loadOrCreate(file, new SecureRandom());
    String shortKey = "c2hvcnQ="; // base64 of "short"
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.replaceAll(line -> line.startsWith(KeyFile.SEALING_KEY + "=") ? KeyFile.SEALING_KEY + "=" + shortKey : line);
    Files.write(file, lines);

    assertThatThrownBy(() -> KeyFile.loadOrCreate(file, new SecureRandom()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(KeyFile.SEALING_KEY)
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining(shortKey);
  }

  @Test
  void keysAreHandedOutAsCopies() {
    KeyFile keys = KeyFile.loadOrCreate(dir.resolve("k.properties"), new SecureRandom());
    byte[] copy = keys.sealingKey();
    copy[0] ^= 1;

    assertThat(keys.sealingKey()).isNotEqualTo(copy);
  }
}
