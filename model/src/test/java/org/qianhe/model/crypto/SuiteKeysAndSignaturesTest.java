package org.qianhe.model.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Keys, signatures and refusals, the same for both suites. */
class SuiteKeysAndSignaturesTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] MESSAGE = "{\"consentId\":\"…\"}".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void keysSurviveTheirEncodingsAndKeepTheirId(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    SigningKey key = suite.generateSigningKey(RANDOM);

    SigningKey reread = suite.signingKey(key.encoded());
    VerificationKey publicKey = suite.verificationKey(key.verificationKey().encoded());

    assertThat(reread.verificationKey()).isEqualTo(key.verificationKey());
    assertThat(publicKey.keyId()).isEqualTo(key.keyId()).hasSize(16).matches("[0-9a-f]{16}");
    assertThat(suite.verify(publicKey, MESSAGE, suite.sign(reread, MESSAGE))).isTrue();
    assertThat(key.toString()).doesNotContain(Base64.getEncoder().encodeToString(key.encoded()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void signatureOfAnotherMessageOrKeyOrGarbageDoesNotVerify(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    SigningKey key = suite.generateSigningKey(RANDOM);
    SigningKey other = suite.generateSigningKey(RANDOM);
    byte[] signature = suite.sign(key, MESSAGE);
    byte[] altered = MESSAGE.clone();
    altered[2] ^= 1;
    byte[] truncated = java.util.Arrays.copyOf(signature, signature.length - 1);

    assertThat(suite.verify(key.verificationKey(), MESSAGE, signature)).isTrue();
    assertThat(suite.verify(key.verificationKey(), altered, signature)).isFalse();
    assertThat(suite.verify(other.verificationKey(), MESSAGE, signature)).isFalse();
    assertThat(suite.verify(key.verificationKey(), MESSAGE, truncated)).isFalse();
    assertThat(suite.verify(key.verificationKey(), MESSAGE, new byte[0])).isFalse();
    assertThat(suite.verify(key.verificationKey(), MESSAGE, "not DER at all".getBytes(StandardCharsets.US_ASCII))).isFalse();
  }

  @Test
  void aKeyOfOneSuiteIsRefusedByTheOther() {
    SigningKey gm = CryptoSuites.GM.generateSigningKey(RANDOM);
    SigningKey intl = CryptoSuites.INTL.generateSigningKey(RANDOM);

    assertThatThrownBy(() -> CryptoSuites.INTL.verificationKey(gm.verificationKey().encoded()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INTL");
    assertThatThrownBy(() -> CryptoSuites.GM.signingKey(intl.encoded()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GM");
    assertThat(CryptoSuites.INTL.verify(gm.verificationKey(), MESSAGE, CryptoSuites.GM.sign(gm, MESSAGE)))
        .as("an SM2 key handed to the INTL suite").isFalse();
    assertThatThrownBy(() -> CryptoSuites.GM.sign(intl, MESSAGE)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPointOffTheCurveOrGarbageIsNoKey() {
    byte[] spki = CryptoSuites.GM.generateSigningKey(RANDOM).verificationKey().encoded();
    byte[] offCurve = spki.clone();
    offCurve[offCurve.length - 1] ^= 1; // the last byte of y: the point leaves the curve

    assertThatThrownBy(() -> CryptoSuites.GM.verificationKey(offCurve)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CryptoSuites.GM.verificationKey(new byte[] {0x30, 0x03, 1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("0x");
    assertThatThrownBy(() -> CryptoSuites.GM.signingKey(new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void suitesAreFoundByNameOrSignatureAlgorithm() {
    assertThat(CryptoSuites.of("gm")).isSameAs(CryptoSuites.GM);
    assertThat(CryptoSuites.of(" INTL ")).isSameAs(CryptoSuites.INTL);
    assertThat(CryptoSuites.bySignatureAlgorithm("SM3withSM2")).contains(CryptoSuites.GM);
    assertThat(CryptoSuites.bySignatureAlgorithm("RSA")).isEmpty();
    assertThatThrownBy(() -> CryptoSuites.of("RSA")).hasMessageContaining("[GM, INTL]");
    assertThat(CryptoSuites.GM.cipherKeyBytes()).isEqualTo(16);
    assertThat(CryptoSuites.INTL.cipherKeyBytes()).isEqualTo(32);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void macsDependOnKeyAndData(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    byte[] key = new byte[32];
    byte[] otherKey = new byte[32];
    otherKey[0] = 1;

    assertThat(suite.mac(key, MESSAGE)).hasSize(32).isEqualTo(suite.mac(key, MESSAGE))
        .isNotEqualTo(suite.mac(otherKey, MESSAGE)).isNotEqualTo(suite.digest(MESSAGE));
  }
}
