package org.qianhe.model.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.signers.RandomDSAKCalculator;

/**
 * SM2 (GB/T 32918, on sm2p256v1, SM3 over Z‖M with the GM/T 0009 default user id
 * {@code 1234567812345678}), SM3 (GB/T 32905), HMAC-SM3, SM4 (GB/T 32907) in GCM mode
 * (RFC 8998). On BouncyCastle's lightweight API (no JCA provider needs registering): SM3, HMAC and the
 * curve arithmetic are BouncyCastle's; SM2 ({@link Sm2}) and SM4-GCM ({@link Sm4Gcm},
 * {@link Sm4TableEngine}) are assembled here from its primitives, because BouncyCastle's own
 * {@code SM2Signer} and {@code GCMBlockCipher} redo per-key work per call and leave half of SM4's speed
 * unused: a GM upload's cryptography went from about 1.9 ms to 0.6 ms of CPU. The known-answer tests
 * hold them to the published vectors and to BouncyCastle's implementations.
 */
final class GmSuite extends EcSuite {

  private static final SecureRandom RANDOM = new SecureRandom();

  GmSuite() {
    super("sm2p256v1");
  }

  @Override
  public String name() {
    return "GM";
  }

  @Override
  public String signatureAlgorithm() {
    return "SM3withSM2";
  }

  @Override
  public String digestAlgorithm() {
    return "SM3";
  }

  @Override
  public String macAlgorithm() {
    return "HMAC-SM3";
  }

  @Override
  public String cipherAlgorithm() {
    return "SM4-GCM";
  }

  @Override
  public int cipherKeyBytes() {
    return 16;
  }

  @Override
  public byte[] digest(byte[] data) {
    SM3Digest digest = new SM3Digest();
    digest.update(data, 0, data.length);
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }

  @Override
  public byte[] mac(byte[] key, byte[] data) {
    HMac mac = new HMac(new SM3Digest());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  @Override
  public byte[] sign(SigningKey key, byte[] message) {
    requireOwn(key);
    RandomDSAKCalculator k = new RandomDSAKCalculator();
    k.init(domain().getN(), RANDOM);
    return Sm2.sign(domain(), key.parameters.getD(), key.sm2InverseOfOnePlusD(), key.verificationKey().sm2UserHash(), message, k);
  }

  @Override
  public boolean verify(VerificationKey key, byte[] message, byte[] signature) {
    if (!name().equals(key.suite()) || signature == null) {
      return false;
    }
    return Sm2.verify(domain(), key.parameters.getQ(), key.sm2UserHash(), message, signature);
  }

  @Override
  public byte[] encrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
    return gcm(true, key, nonce, associatedData, plaintext);
  }

  @Override
  public byte[] decrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext) {
    return gcm(false, key, nonce, associatedData, ciphertext);
  }

  /** The SM4 block cipher under the GCM mode; package-private so its known-answer test checks this very engine. */
  static org.bouncycastle.crypto.BlockCipher blockCipher() {
    return new Sm4TableEngine();
  }

  private byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
    if (key.length != cipherKeyBytes()) {
      throw new IllegalArgumentException("SM4 keys are " + cipherKeyBytes() + " bytes");
    }
    return encrypt ? Sm4Gcm.encrypt(key, nonce, associatedData, input) : Sm4Gcm.decrypt(key, nonce, associatedData, input);
  }

}
