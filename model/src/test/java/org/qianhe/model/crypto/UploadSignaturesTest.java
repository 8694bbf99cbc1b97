package org.qianhe.model.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.Fixtures;
import org.qianhe.model.json.ConsentJson;

/** What a terminal signs, through the JSON round trip a real upload takes. */
class UploadSignaturesTest {

  private static final Instant SIGNED_AT = Instant.parse("2026-11-20T02:17:00.123Z");

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void signatureSurvivesTheWireAndVerifies(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    SigningKey key = suite.generateSigningKey(new SecureRandom());

    ConsentUpload signed = UploadSignatures.sign(Fixtures.validUpload(), suite, key, SIGNED_AT);
    ConsentUpload received = ConsentJson.read(ConsentJson.write(signed), ConsentUpload.class, ConsentUpload.getClassSchema());

    assertThat(received.getSignature().getAlgorithm()).isEqualTo(suite.signatureAlgorithm());
    assertThat(received.getSignature().getKeyId()).isEqualTo(key.keyId());
    assertThat(received.getSignature().getSignedAt()).isEqualTo(SIGNED_AT);
    assertThat(UploadSignatures.verify(received, suite, key.verificationKey())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void theSignatureSurvivesTheRecordsMillisecondTimestamps(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    SigningKey key = suite.generateSigningKey(new SecureRandom());

    ConsentUpload signed = UploadSignatures.sign(Fixtures.validUpload(), suite, key, SIGNED_AT.plusNanos(456_789));

    assertThat(signed.getSignature().getSignedAt()).isEqualTo(SIGNED_AT);
    assertThat(UploadSignatures.verify(signed, suite, key.verificationKey())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void anyChangeBreaksTheSignature(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    SigningKey key = suite.generateSigningKey(new SecureRandom());
    ConsentUpload signed = UploadSignatures.sign(Fixtures.validUpload(), suite, key, SIGNED_AT);

    ConsentUpload evidence = copy(signed);
    evidence.getEvidence().get(1).setDigest("00" + evidence.getEvidence().get(1).getDigest().substring(2));
    ConsentUpload later = copy(signed);
    later.getSignature().setSignedAt(SIGNED_AT.plusSeconds(600));
    ConsentUpload dose = copy(signed);
    dose.getVaccination().setDoseNumber(dose.getVaccination().getDoseNumber() + 1);
    ConsentUpload otherKeyId = copy(signed);
    otherKeyId.getSignature().setKeyId("0000000000000000");
    ConsentUpload garbage = copy(signed);
    garbage.getSignature().setValue("%%% not base64");
    ConsentUpload unsigned = copy(signed);
    unsigned.setSignature(null);

    for (ConsentUpload tampered : new ConsentUpload[] {evidence, later, dose, otherKeyId, garbage, unsigned}) {
      assertThat(UploadSignatures.verify(tampered, suite, key.verificationKey())).isFalse();
    }
    assertThat(UploadSignatures.verify(signed, suite, key.verificationKey())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void aSignatureMovedToAnotherConsentDoesNotVerify(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    SigningKey key = suite.generateSigningKey(new SecureRandom());
    ConsentUpload first = UploadSignatures.sign(Fixtures.validUpload(), suite, key, SIGNED_AT);
    ConsentUpload second = copy(Fixtures.validUpload());
    second.setConsentId("0b7f5a55-5f0e-4d4c-9d7e-1f2a3b4c5d6e");

    second.setSignature(first.getSignature());

    assertThat(UploadSignatures.verify(second, suite, key.verificationKey())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void reSigningLaterKeepsTheContentDigest(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    SigningKey key = suite.generateSigningKey(new SecureRandom());
    ConsentUpload first = UploadSignatures.sign(Fixtures.validUpload(), suite, key, SIGNED_AT);
    ConsentUpload retry = UploadSignatures.sign(Fixtures.validUpload(), suite, key, SIGNED_AT.plusSeconds(3600));
    ConsentUpload changed = copy(first);
    changed.setSiteCode("410105002");

    assertThat(UploadSignatures.contentDigest(suite, retry)).isEqualTo(UploadSignatures.contentDigest(suite, first))
        .hasSize(64).isNotEqualTo(UploadSignatures.contentDigest(suite, changed));
    assertThat(retry.getSignature().getValue()).isNotEqualTo(first.getSignature().getValue());
    assertThat(Base64.getDecoder().decode(first.getSignature().getValue())).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GM", "INTL"})
  void bothInputsFromOneConversionAreTheDefinedOnes(String name) {
    CryptoSuite suite = CryptoSuites.of(name);
    SigningKey key = suite.generateSigningKey(new SecureRandom());
    ConsentUpload signed = ConsentJson.read(ConsentJson.write(UploadSignatures.sign(Fixtures.validUpload(), suite, key, SIGNED_AT)),
        ConsentUpload.class, ConsentUpload.getClassSchema());
    // the definitions: the canonical upload with a signature holding no value, and with no signature
    ConsentUpload withoutValue = copy(signed);
    withoutValue.setSignature(org.qianhe.model.TerminalSignature.newBuilder(signed.getSignature()).build());
    withoutValue.getSignature().setValue(null);
    ConsentUpload unsigned = copy(signed);
    unsigned.setSignature(null);

    UploadSignatures.Inputs inputs = UploadSignatures.inputs(signed);

    assertThat(inputs.signing()).isEqualTo(ConsentJson.canonical(withoutValue)).isEqualTo(UploadSignatures.signingInput(signed));
    assertThat(inputs.content()).isEqualTo(ConsentJson.canonical(unsigned)).isEqualTo(UploadSignatures.contentInput(signed));
    // and what terminals running older code sign: the tree converted twice, once more by canonical()
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> earlier = ConsentJson.mapper().convertValue(signed, java.util.Map.class);
    ((java.util.Map<String, Object>) earlier.get("signature")).remove("value");
    assertThat(inputs.signing()).isEqualTo(ConsentJson.canonical(earlier));
    assertThat(UploadSignatures.verify(signed, inputs.signing(), suite, key.verificationKey())).isTrue();
    assertThat(UploadSignatures.verify(signed, inputs.content(), suite, key.verificationKey())).isFalse();
    assertThat(signed.getSignature().getValue()).isNotEmpty(); // the upload itself is left as it was
  }

  private static ConsentUpload copy(ConsentUpload upload) {
    return ConsentUpload.newBuilder(upload).build();
  }
}
