package org.qianhe.ingest.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.DecryptionException;

class Pkcs12EvidenceKeysTest {

  private static final byte[] DATA_KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AAD = "address".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  @Test
  void firstUseCreatesAnOwnerOnlyKeystoreAndPasswordFile() throws Exception {
    Path passwordFile = dir.resolve("keys/evidence.password");
    char[] password = Pkcs12EvidenceKeys.passwordFromFile(passwordFile);

    Pkcs12EvidenceKeys keys = Pkcs12EvidenceKeys.loadOrCreate(dir.resolve("keys/evidence.p12"), password, CryptoSuites.GM);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/evidence.p12")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys")))).isEqualTo("rwx------");
    assertThat(Pkcs12EvidenceKeys.passwordFromFile(passwordFile)).isEqualTo(password);
    assertThat(keys.currentKekId()).startsWith("gm-kek-");
    assertThat(keys.kekIds()).containsExactly(keys.currentKekId());
  }

  @Test
  void aReopenedKeystoreUnwrapsWhatTheFirstWrapped() {
    Path file = dir.resolve("evidence.p12");
    Pkcs12EvidenceKeys first = Pkcs12EvidenceKeys.loadOrCreate(file, "pw-1".toCharArray(), CryptoSuites.INTL);
    WrappedKey wrapped = first.wrap(DATA_KEY, AAD);

    Pkcs12EvidenceKeys again = Pkcs12EvidenceKeys.loadOrCreate(file, "pw-1".toCharArray(), CryptoSuites.INTL);

    assertThat(again.unwrap(wrapped.kekId(), wrapped.wrapped(), AAD)).isEqualTo(DATA_KEY);
    assertThat(again.addressMac(CryptoSuites.INTL, AAD)).isEqualTo(first.addressMac(CryptoSuites.INTL, AAD));
    assertThatThrownBy(() -> again.unwrap(wrapped.kekId(), wrapped.wrapped(), "other".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void rotationMakesANewKekCurrentAndKeepsOldWrapsReadableEvenInAnotherProcess() {
    Path file = dir.resolve("evidence.p12");
    Pkcs12EvidenceKeys service = Pkcs12EvidenceKeys.loadOrCreate(file, "pw".toCharArray(), CryptoSuites.GM);
    WrappedKey before = service.wrap(DATA_KEY, AAD);
    Pkcs12EvidenceKeys admin = Pkcs12EvidenceKeys.loadOrCreate(file, "pw".toCharArray(), CryptoSuites.GM);

    String rotated = admin.rotate();
    WrappedKey after = admin.wrap(DATA_KEY, AAD);

    assertThat(rotated).isNotEqualTo(before.kekId()).startsWith("gm-kek-");
    assertThat(after.kekId()).isEqualTo(rotated);
    assertThat(admin.kekIds()).containsExactly(before.kekId(), rotated);
    assertThat(admin.unwrap(before.kekId(), before.wrapped(), AAD)).isEqualTo(DATA_KEY);
    assertThat(service.unwrap(after.kekId(), after.wrapped(), AAD)).as("reloads for an unknown KEK id").isEqualTo(DATA_KEY);
    assertThatThrownBy(() -> service.unwrap("gm-kek-nonexistent", after.wrapped(), AAD))
        .isInstanceOf(EvidenceKeys.UnknownKeyException.class);
  }

  @Test
  void aWrongPasswordIsRefusedWithoutNamingIt() {
    Path file = dir.resolve("evidence.p12");
    Pkcs12EvidenceKeys.loadOrCreate(file, "right-password".toCharArray(), CryptoSuites.GM);

    assertThatThrownBy(() -> Pkcs12EvidenceKeys.loadOrCreate(file, "wrong-password".toCharArray(), CryptoSuites.GM))
        .hasMessageContaining(file.toString()).hasMessageNotContaining("password-");
  }

  @Test
  void aKeystoreOfTheOtherSuiteGetsAKekOfThisSuiteAndKeepsTheOld() {
    Path file = dir.resolve("evidence.p12");
    Pkcs12EvidenceKeys intl = Pkcs12EvidenceKeys.loadOrCreate(file, "pw".toCharArray(), CryptoSuites.INTL);
    WrappedKey old = intl.wrap(new byte[32], AAD);

    Pkcs12EvidenceKeys gm = Pkcs12EvidenceKeys.loadOrCreate(file, "pw".toCharArray(), CryptoSuites.GM);

    assertThat(gm.currentKekId()).startsWith("gm-kek-");
    assertThat(gm.unwrap(old.kekId(), old.wrapped(), AAD)).isEqualTo(new byte[32]);
  }

  @Test
  void anotherProcessOpensIngestsKeystoreWithItsPasswordFileAndUnwrapsWhatIngestWrapped() {
    Path file = dir.resolve("keys/evidence-keys.p12");
    char[] password = Pkcs12EvidenceKeys.passwordFromFile(dir.resolve("keys/evidence-keys.p12.password"));
    WrappedKey wrapped = Pkcs12EvidenceKeys.loadOrCreate(file, password, CryptoSuites.GM).wrap(DATA_KEY, AAD);

    Pkcs12EvidenceKeys reader = Pkcs12EvidenceKeys.loadExisting(file, "", CryptoSuites.GM);

    assertThat(reader.unwrap(wrapped.kekId(), wrapped.wrapped(), AAD)).isEqualTo(DATA_KEY);
  }

  @Test
  void anotherProcessNeverCreatesAKeystoreOrAPasswordFile() {
    Path file = dir.resolve("keys/evidence-keys.p12");

    assertThatThrownBy(() -> Pkcs12EvidenceKeys.loadExisting(file, " ", CryptoSuites.GM))
        .isInstanceOf(EvidenceKeysMissingException.class).hasMessageContaining("evidence-keys.p12 does not exist");
    assertThat(dir.resolve("keys")).doesNotExist();

    Pkcs12EvidenceKeys.loadOrCreate(file, "pw".toCharArray(), CryptoSuites.GM); // a keystore without a password file
    assertThatThrownBy(() -> Pkcs12EvidenceKeys.loadExisting(file, "", CryptoSuites.GM))
        .isInstanceOf(EvidenceKeysMissingException.class).hasMessageContaining("evidence-keys.p12.password");
    assertThat(dir.resolve("keys/evidence-keys.p12.password")).doesNotExist();
  }

  @Test
  void anotherProcessOfTheOtherSuiteIsRefusedAndTheKeystoreIsLeftAsItWas() throws Exception {
    Path file = dir.resolve("evidence.p12");
    Pkcs12EvidenceKeys.loadOrCreate(file, "pw".toCharArray(), CryptoSuites.INTL);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> Pkcs12EvidenceKeys.loadExisting(file, "pw", CryptoSuites.GM))
        .isInstanceOf(EvidenceKeysMissingException.class).hasMessageContaining("suite GM");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }
}
