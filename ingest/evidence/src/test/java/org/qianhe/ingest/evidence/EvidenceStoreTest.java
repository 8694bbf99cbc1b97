package org.qianhe.ingest.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;

/** The store on the local file system, as the embedded default runs it. */
class EvidenceStoreTest {

  private static final String CONSENT = "6f1c1c0e-8d3a-4b61-9f0e-2f8b9c1d2e3f";

  @TempDir
  Path dir;

  private EvidenceStore store;

  @AfterEach
  void close() throws IOException {
    if (store != null) {
      store.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void evidenceComesBackAsWrittenAndTheDiskHoldsNoPlaintext(String name) throws IOException {
    CryptoSuite suite = CryptoSuites.of(name);
    store = open(suite);
    List<EvidenceItem> items = TestEvidence.biometric(suite, 7);

    EvidenceStore.Stored stored = store.write(CONSENT, suite, items);

    assertThat(TestEvidence.contains(items.get(1).data(), TestEvidence.JPEG_MAGIC)).as("the scan would see a JPEG").isTrue();
    assertThat(TestEvidence.contains(items.get(0).data(), TestEvidence.FMR_MAGIC)).as("and a template").isTrue();
    assertThat(stored.created()).isTrue();
    assertThat(stored.address()).matches("[0-9a-f]{64}");
    List<EvidenceItem> read = store.read(CONSENT, refs(items));
    assertThat(read).hasSize(2);
    assertThat(read.get(0).data()).isEqualTo(items.get(0).data());
    assertThat(read.get(1).data()).isEqualTo(items.get(1).data());
    assertThat(read.get(1).ref()).isEqualTo(items.get(1).ref());
    for (Path file : files()) {
      byte[] bytes = Files.readAllBytes(file);
      assertThat(TestEvidence.contains(bytes, TestEvidence.JPEG_MAGIC)).as("JPEG magic in " + file).isFalse();
      assertThat(TestEvidence.contains(bytes, TestEvidence.FMR_MAGIC)).as("fingerprint magic in " + file).isFalse();
      assertThat(TestEvidence.contains(bytes, java.util.Arrays.copyOfRange(items.get(1).data(), 200, 232)))
          .as("photo bytes in " + file).isFalse();
      assertThat(TestEvidence.contains(bytes, CONSENT.getBytes())).as("consentId in " + file).isFalse();
    }
  }

  @Test
  void objectsAreOwnerOnlyWithoutChecksumSideFilesOrLeftovers() throws IOException {
    store = open(CryptoSuites.GM);
    String address = store.write(CONSENT, CryptoSuites.GM, TestEvidence.biometric(CryptoSuites.GM, 1)).address();

    Path object = dir.resolve("evidence/objects").resolve(address.substring(0, 2)).resolve(address.substring(2, 4)).resolve(address);
    assertThat(object).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(object))).isEqualTo("rw-------");
    assertThat(files()).containsExactly(object);
  }

  @Test
  void theAddressIsAKeyedDigestBoundToTheConsent() throws IOException {
    store = open(CryptoSuites.GM);
    List<EvidenceItem> items = TestEvidence.biometric(CryptoSuites.GM, 2);
    String address = store.address(CONSENT, refs(items));
    try (EvidenceStore otherKeys = EvidenceStore.open(dir.resolve("other").toUri(), CryptoSuites.GM,
        Pkcs12EvidenceKeys.loadOrCreate(dir.resolve("other.p12"), "pw".toCharArray(), CryptoSuites.GM), false)) {

      assertThat(otherKeys.address(CONSENT, refs(items))).as("another address key").isNotEqualTo(address);
    }
    assertThat(store.address("00000000-0000-4000-8000-000000000000", refs(items))).isNotEqualTo(address);
    assertThat(store.address(CONSENT, List.of(refs(items).get(1), refs(items).get(0)))).as("order-free").isEqualTo(address);
    assertThat(refs(items)).extracting(EvidenceRef::getDigest).doesNotContain(address);
  }

  @Test
  void anAlteredObjectIsRefusedNotReturned() throws IOException {
    store = open(CryptoSuites.GM);
    List<EvidenceItem> items = TestEvidence.biometric(CryptoSuites.GM, 3);
    String address = store.write(CONSENT, CryptoSuites.GM, items).address();
    Path object = files().get(0);
    byte[] bytes = Files.readAllBytes(object);
    bytes[bytes.length - 100] ^= 1;
    Files.write(object, bytes);

    assertThatThrownBy(() -> store.read(CONSENT, refs(items))).isInstanceOf(EvidenceIntegrityException.class)
        .hasMessageContaining(address);
  }

  @Test
  void anObjectCopiedToAnotherConsentsAddressDoesNotOpen() throws IOException {
    store = open(CryptoSuites.GM);
    List<EvidenceItem> items = TestEvidence.biometric(CryptoSuites.GM, 4);
    String other = "11111111-1111-4111-8111-111111111111";
    store.write(CONSENT, CryptoSuites.GM, items);
    String otherAddress = store.write(other, CryptoSuites.GM, TestEvidence.biometric(CryptoSuites.GM, 5)).address();
    Path source = files().stream().filter(p -> !p.getFileName().toString().equals(otherAddress)).findFirst().orElseThrow();
    Path target = files().stream().filter(p -> p.getFileName().toString().equals(otherAddress)).findFirst().orElseThrow();
    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> store.read(other, refs(TestEvidence.biometric(CryptoSuites.GM, 5))))
        .isInstanceOf(EvidenceIntegrityException.class);
  }

  @Test
  void missingEvidenceIsFileNotFound() throws IOException {
    store = open(CryptoSuites.INTL);

    assertThatThrownBy(() -> store.read(CONSENT, refs(TestEvidence.biometric(CryptoSuites.INTL, 6))))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void afterRotationOldObjectsStayReadableAndRewrapMovesThemToTheNewKek() throws IOException {
    Pkcs12EvidenceKeys keys = keys(CryptoSuites.GM);
    store = EvidenceStore.open(dir.resolve("evidence").toUri(), CryptoSuites.GM, keys, false);
    List<EvidenceItem> items = TestEvidence.biometric(CryptoSuites.GM, 8);
    String address = store.write(CONSENT, CryptoSuites.GM, items).address();
    String oldKek = store.kekIdOf(address);
    byte[] before = store.rawBytes(address);

    String newKek = keys.rotate();

    assertThat(store.read(CONSENT, refs(items)).get(1).data()).isEqualTo(items.get(1).data());
    assertThat(store.rewrap(address)).isTrue();
    assertThat(store.rewrap(address)).as("already on the current KEK").isFalse();
    assertThat(store.kekIdOf(address)).isEqualTo(newKek).isNotEqualTo(oldKek);
    assertThat(store.read(CONSENT, refs(items)).get(1).data()).isEqualTo(items.get(1).data());
    byte[] after = store.rawBytes(address);
    assertThat(java.util.Arrays.copyOfRange(after, after.length - items.get(1).data().length, after.length))
        .as("payload untouched").isEqualTo(java.util.Arrays.copyOfRange(before, before.length - items.get(1).data().length, before.length));
  }

  @Test
  void objectsWrittenUnderTheOtherSuiteStayReadableAfterTheDeploymentChangesSuite() throws IOException {
    Pkcs12EvidenceKeys intlKeys = keys(CryptoSuites.INTL);
    List<EvidenceItem> items = TestEvidence.biometric(CryptoSuites.INTL, 9);
    try (EvidenceStore intl = EvidenceStore.open(dir.resolve("evidence").toUri(), CryptoSuites.INTL, intlKeys, false)) {
      intl.write(CONSENT, CryptoSuites.INTL, items);
    }

    store = EvidenceStore.open(dir.resolve("evidence").toUri(), CryptoSuites.GM, keys(CryptoSuites.GM), false);

    assertThat(store.read(CONSENT, refs(items)).get(0).data()).isEqualTo(items.get(0).data());
    List<String> addresses = store.addresses(CONSENT, refs(items));
    assertThat(addresses.get(0)).isEqualTo(store.address(CONSENT, refs(items)));
    assertThat(store.exists(addresses.get(0))).isFalse();
    assertThat(store.exists(addresses.get(1))).as("the INTL address: retention finds it there").isTrue();
  }

  @Test
  void deleteListAndSweep() throws IOException {
    store = open(CryptoSuites.GM);
    String address = store.write(CONSENT, CryptoSuites.GM, TestEvidence.biometric(CryptoSuites.GM, 10)).address();
    Path leftover = dir.resolve("evidence/tmp/" + address + ".dead.part");
    Files.write(leftover, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(7200)));

    assertThat(store.list()).extracting(EvidenceStore.StoredObject::address).containsExactly(address);
    assertThat(store.sweepTemporary(Instant.now().minusSeconds(3600))).isEqualTo(1);
    assertThat(store.delete(address)).isTrue();
    assertThat(store.delete(address)).isFalse();
    assertThat(store.exists(address)).isFalse();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void theSameEvidenceWrittenAgainReplacesItsObject() throws IOException {
    store = open(CryptoSuites.GM);
    List<EvidenceItem> items = TestEvidence.biometric(CryptoSuites.GM, 11);
    store.write(CONSENT, CryptoSuites.GM, items);

    EvidenceStore.Stored again = store.write(CONSENT, CryptoSuites.GM, items);

    assertThat(again.created()).isFalse();
    assertThat(store.list()).hasSize(1);
    assertThat(store.read(CONSENT, refs(items))).hasSize(2);
  }

  private EvidenceStore open(CryptoSuite suite) throws IOException {
    return EvidenceStore.open(dir.resolve("evidence").toUri(), suite, keys(suite), true);
  }

  private Pkcs12EvidenceKeys keys(CryptoSuite suite) {
    return Pkcs12EvidenceKeys.loadOrCreate(dir.resolve("keys/evidence.p12"), "test-password".toCharArray(), suite);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(dir.resolve("evidence"))) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static List<EvidenceRef> refs(List<EvidenceItem> items) {
    return items.stream().map(EvidenceItem::ref).toList();
  }
}
