package org.qianhe.model.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.test.TestRandomBigInteger;
import org.junit.jupiter.api.Test;

/**
 * Published known-answer vectors for every primitive of both suites, through the suites' own
 * code paths: GB/T 32905 (SM3), GB/T 32907 (SM4), RFC 8998 (SM4-GCM), the SM2 draft's signature example (with BouncyCastle's SM2Signer, which the suite uses), a signature of the earlier SM2 code, FIPS 180 (SHA-256), the
 * GCM specification's test case 16 (AES-256-GCM, as in NIST's GCMVS), RFC 4231 (HMAC-SHA256)
 * and RFC 6979 A.2.5 (ECDSA on NIST P-256 with SHA-256).
 */
class KnownAnswerTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void sm3OfAbcIsTheGbt32905FirstExample() {
    assertThat(CryptoSuites.GM.digestHex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  }

  @Test
  void sm3OfSixtyFourBytesIsTheGbt32905SecondExample() {
    assertThat(CryptoSuites.GM.digestHex("abcd".repeat(16).getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  }

  @Test
  void sm4BlockIsTheGbt32907FirstExample() {
    byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");

    assertThat(HEX.formatHex(sm4(key, key, 1))).isEqualTo("681edf34d206965e86b3e94f536e4246");
  }

  @Test
  void sm4DecryptsTheGbt32907FirstExample() {
    byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");
    BlockCipher cipher = GmSuite.blockCipher();
    cipher.init(false, new KeyParameter(key));
    byte[] block = HEX.parseHex("681edf34d206965e86b3e94f536e4246");

    cipher.processBlock(block, 0, block, 0);

    assertThat(block).isEqualTo(key);
  }

  @Test
  void sm4AMillionTimesIsTheGbt32907SecondExample() {
    byte[] key = HEX.parseHex("0123456789abcdeffedcba9876543210");

    assertThat(HEX.formatHex(sm4(key, key, 1_000_000))).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
  }

  @Test
  void sm4GcmIsTheRfc8998Example() {
    byte[] key = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    byte[] nonce = HEX.parseHex("00001234567800000000ABCD");
    byte[] aad = HEX.parseHex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
    byte[] plaintext = HEX.parseHex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
        + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
    String expected = ("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
        + "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
        + "83DE3541E4C2B58177E065A9BF7B62EC").toLowerCase();

    byte[] sealed = CryptoSuites.GM.encrypt(key, nonce, aad, plaintext);

    assertThat(HEX.formatHex(sealed)).isEqualTo(expected);
    assertThat(CryptoSuites.GM.decrypt(key, nonce, aad, sealed)).isEqualTo(plaintext);
  }

  @Test
  void sm2SignerSignsTheExampleOfTheSm2Draft() throws Exception {
    // draft-shen-sm2-ecdsa-02 (and GB/T 32918.2 appendix A): its 256-bit test curve, user id
    // ALICE123@YAHOO.COM, message "message digest", with the example's fixed k. The suite uses
    // this very class (SM2Signer) on sm2p256v1 with the GM/T 0009 default user id.
    org.bouncycastle.math.ec.ECCurve curve = new org.bouncycastle.math.ec.ECCurve.Fp(
        big("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3"),
        big("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498"),
        big("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A"),
        big("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7"), BigInteger.ONE);
    ECDomainParameters domain = new ECDomainParameters(curve,
        curve.createPoint(big("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D"),
            big("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2")),
        big("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7"));
    ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(
        big("128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263"), domain);
    ECPublicKeyParameters publicKey = new ECPublicKeyParameters(domain.getG().multiply(privateKey.getD()).normalize(), domain);
    byte[] alice = ascii("ALICE123@YAHOO.COM");
    SM2Signer signer = new SM2Signer();
    signer.init(true, new ParametersWithID(new ParametersWithRandom(privateKey,
        new TestRandomBigInteger("6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F", 16)), alice));
    signer.update(ascii("message digest"), 0, 14);

    byte[] signature = signer.generateSignature();

    assertThat(publicKey.getQ().getAffineXCoord().toBigInteger())
        .isEqualTo(big("0AE4C7798AA0F119471BEE11825BE46202BB79E2A5844495E97C04FF4DF2548A"));
    assertThat(signature).isEqualTo(derSignature("40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1",
        "6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7"));
    SM2Signer verifier = new SM2Signer();
    verifier.init(false, new ParametersWithID(publicKey, alice));
    verifier.update(ascii("message digest"), 0, 14);
    assertThat(verifier.verifySignature(signature)).isTrue();
    verifier.update(ascii("message digesT"), 0, 14);
    assertThat(verifier.verifySignature(signature)).as("the same verifier, reset, another message").isFalse();
  }

  @Test
  void gmVerifiesASignatureOfTheHandWrittenSm2ThatCameBefore() {
    // Signed by the suite's SM2 of d7e73ef (hand-written on BouncyCastle's curve arithmetic), which
    // receipts and evidence of that time carry: same algorithm, same user id, same DER.
    SigningKey key = CryptoSuites.GM.signingKey(Pkcs8.ecPrivateKey(org.bouncycastle.asn1.gm.GMObjectIdentifiers.sm2p256v1,
        big("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8")));
    byte[] message = ascii("{\"consentId\":\"3f0c\",\"terminalId\":\"T-0001\"}");
    byte[] signature = HEX.parseHex("3046022100d4ab075af34cc8d7daffa4ce2d053c0073b52a9d235de68c74acb0ea80e5073f"
        + "022100b4628f060daec369010f839393e8571e43b09c7a5034b556944230266a5e7a6b");

    assertThat(CryptoSuites.GM.verify(key.verificationKey(), message, signature)).isTrue();
    assertThat(CryptoSuites.GM.verify(key.verificationKey(), ascii("{}"), signature)).isFalse();
  }

  @Test
  void reusedSm2SignersAgreeWithAFreshSm2SignerAtEveryMessage() throws Exception {
    SigningKey key = CryptoSuites.GM.generateSigningKey(new java.security.SecureRandom());
    VerificationKey publicKey = key.verificationKey();
    java.util.Random random = new java.util.Random(32918);
    for (int i = 0; i < 20; i++) {
      byte[] message = new byte[random.nextInt(300)];
      random.nextBytes(message);
      byte[] fresh = freshSm2Signature(key, message);
      byte[] reused = CryptoSuites.GM.sign(key, message);
      byte[] tampered = reused.clone();
      tampered[tampered.length - 1] ^= 1;

      assertThat(freshSm2Verification(publicKey, message, reused)).as("message %d, reused signer, fresh check", i).isTrue();
      assertThat(CryptoSuites.GM.verify(publicKey, message, fresh)).as("message %d, fresh signer, reused check", i).isTrue();
      // a refusal and a malformed signature must leave the reused verifier as clean as a success does
      assertThat(CryptoSuites.GM.verify(publicKey, message, tampered)).isFalse();
      assertThat(CryptoSuites.GM.verify(publicKey, message, new byte[] {0x30, 0x01})).isFalse();
    }
  }

  @Test
  void oneGmKeySignsAndVerifiesFromManyThreadsAtOnce() throws Exception {
    SigningKey key = CryptoSuites.GM.generateSigningKey(new java.security.SecureRandom());
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> checks = new java.util.ArrayList<>();
      for (int i = 0; i < 400; i++) {
        byte[] message = ascii("upload " + i);
        checks.add(threads.submit(() -> {
          byte[] signature = CryptoSuites.GM.sign(key, message);
          return CryptoSuites.GM.verify(key.verificationKey(), message, signature)
              && !CryptoSuites.GM.verify(key.verificationKey(), ascii("another upload"), signature)
              && freshSm2Verification(key.verificationKey(), message, signature);
        }));
      }
      for (java.util.concurrent.Future<Boolean> check : checks) {
        assertThat(check.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** BouncyCastle's SM2Signer, initialised for this one message, as the suite did before it reused signers. */
  private static byte[] freshSm2Signature(SigningKey key, byte[] message) throws Exception {
    SM2Signer signer = new SM2Signer();
    signer.init(true, new ParametersWithRandom(key.parameters, new java.security.SecureRandom()));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  private static boolean freshSm2Verification(VerificationKey key, byte[] message, byte[] signature) {
    SM2Signer verifier = new SM2Signer();
    verifier.init(false, key.parameters);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  private static BigInteger big(String hex) {
    return new BigInteger(hex, 16);
  }

  @Test
  void sha256OfAbcIsTheFips180Example() {
    assertThat(CryptoSuites.INTL.digestHex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(CryptoSuites.INTL.digestHex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            .getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  @Test
  void aes256GcmIsTheGcmSpecificationTestCase16() {
    byte[] key = HEX.parseHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] nonce = HEX.parseHex("cafebabefacedbaddecaf888");
    byte[] aad = HEX.parseHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] plaintext = HEX.parseHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    String expected = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662" + "76fc6ece0f4e1768cddf8853bb2d551b";

    byte[] sealed = CryptoSuites.INTL.encrypt(key, nonce, aad, plaintext);

    assertThat(HEX.formatHex(sealed)).isEqualTo(expected);
    assertThat(CryptoSuites.INTL.decrypt(key, nonce, aad, sealed)).isEqualTo(plaintext);
  }

  @Test
  void hmacSha256IsTheRfc4231SecondCase() {
    byte[] mac = CryptoSuites.INTL.mac("Jefe".getBytes(StandardCharsets.US_ASCII),
        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));

    assertThat(HEX.formatHex(mac)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void ecdsaP256VerifiesTheRfc6979Signatures() {
    VerificationKey key = CryptoSuites.INTL.verificationKey(rfc6979PublicKey());

    assertThat(CryptoSuites.INTL.verify(key, ascii("sample"), derSignature(
        "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
        "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"))).isTrue();
    assertThat(CryptoSuites.INTL.verify(key, ascii("test"), derSignature(
        "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
        "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"))).isTrue();
    assertThat(CryptoSuites.INTL.verify(key, ascii("samplE"), derSignature(
        "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
        "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"))).as("another message").isFalse();
  }

  @Test
  void ecdsaP256SigningIsDeterministicAsRfc6979Says() {
    SigningKey key = rfc6979SigningKey();

    assertThat(key.verificationKey().encoded()).isEqualTo(rfc6979PublicKey());
    assertThat(CryptoSuites.INTL.sign(key, ascii("sample"))).isEqualTo(derSignature(
        "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
        "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"));
  }

  @Test
  void alteredCiphertextAssociatedDataOrKeyIsRefusedInBothSuites() {
    for (CryptoSuite suite : new CryptoSuite[] {CryptoSuites.GM, CryptoSuites.INTL}) {
      byte[] key = new byte[suite.cipherKeyBytes()];
      byte[] nonce = new byte[CryptoSuite.NONCE_BYTES];
      byte[] sealed = suite.encrypt(key, nonce, ascii("consent-1"), ascii("fingerprint template"));
      byte[] flipped = sealed.clone();
      flipped[3] ^= 1;
      byte[] otherKey = key.clone();
      otherKey[0] = 1;

      assertThat(sealed).hasSize("fingerprint template".length() + CryptoSuite.TAG_BYTES);
      assertThatThrownBy(() -> suite.decrypt(key, nonce, ascii("consent-1"), flipped)).isInstanceOf(DecryptionException.class);
      assertThatThrownBy(() -> suite.decrypt(key, nonce, ascii("consent-2"), sealed)).isInstanceOf(DecryptionException.class);
      assertThatThrownBy(() -> suite.decrypt(otherKey, nonce, ascii("consent-1"), sealed)).isInstanceOf(DecryptionException.class);
      assertThatThrownBy(() -> suite.decrypt(key, nonce, ascii("consent-1"), new byte[5])).isInstanceOf(DecryptionException.class);
    }
  }

  private static byte[] sm4(byte[] key, byte[] block, int times) {
    BlockCipher cipher = GmSuite.blockCipher();
    cipher.init(true, new KeyParameter(key));
    byte[] out = block.clone();
    for (int i = 0; i < times; i++) {
      cipher.processBlock(out, 0, out, 0);
    }
    return out;
  }

  /** RFC 6979 A.2.5: the P-256 key with x = C9AFA9D8…0F6721. */
  private static byte[] rfc6979PublicKey() {
    byte[] point = HEX.parseHex("04"
        + "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
        + "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299");
    try {
      return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
          X9ObjectIdentifiers.prime256v1), point).getEncoded("DER");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SigningKey rfc6979SigningKey() {
    BigInteger d = new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
    byte[] pkcs8 = Pkcs8.ecPrivateKey(X9ObjectIdentifiers.prime256v1, d);
    return CryptoSuites.INTL.signingKey(pkcs8);
  }

  private static byte[] derSignature(String r, String s) {
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(new BigInteger(r, 16)),
          new ASN1Integer(new BigInteger(s, 16))}).getEncoded("DER");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A PKCS#8 EC private key as RFC 5915 and 5208 lay it out, built by hand so the test does not use the code it checks. */
  static final class Pkcs8 {
    static byte[] ecPrivateKey(org.bouncycastle.asn1.ASN1ObjectIdentifier curve, BigInteger d) {
      try {
        byte[] scalar = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, d);
        DERSequence ecPrivateKey = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new ASN1Integer(1), new DEROctetString(scalar)});
        return new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ecPrivateKey).getEncoded("DER");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
