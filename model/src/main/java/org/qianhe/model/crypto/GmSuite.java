package org.qianhe.model.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * SM2 (GB/T 32918, on sm2p256v1, SM3 over Z‖M with the GM/T 0009 default user id
 * {@code 1234567812345678}), SM3 (GB/T 32905), HMAC-SM3, SM4 (GB/T 32907) in GCM mode
 * (RFC 8998). All BouncyCastle's own implementations, from its lightweight API (no JCA provider
 * needs registering): {@code SM2Signer}, {@code SM3Digest}, {@code HMac}, {@code SM4Engine} under
 * {@code GCMBlockCipher}. GM assessments expect a reviewed implementation, so nothing here is
 * written by hand.
 *
 * <p>{@code SM2Signer.init} costs about as much as a signature: it hashes the user id, the curve and
 * the public key into Z, and when signing multiplies out the public point. A signer ends every
 * {@code generateSignature} and {@code verifySignature} with {@code reset()}, which keeps the key
 * and Z and feeds Z again before the next message; so each key object keeps its initialised signers
 * in a {@link SignerPool}, one per thread using the key at once, and pays {@code init} once.
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
    try {
      return key.signers.with(() -> {
        SM2Signer signer = new SM2Signer();
        signer.init(true, new ParametersWithRandom(key.parameters, RANDOM));
        return signer;
      }, signer -> {
        signer.update(message, 0, message.length);
        return signer.generateSignature();
      });
    } catch (CryptoException e) {
      throw new IllegalStateException("SM2 signing failed", e);
    }
  }

  @Override
  public boolean verify(VerificationKey key, byte[] message, byte[] signature) {
    if (!name().equals(key.suite()) || signature == null) {
      return false;
    }
    try {
      return key.verifiers.with(() -> {
        SM2Signer verifier = new SM2Signer();
        verifier.init(false, key.parameters);
        return verifier;
      }, verifier -> {
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
      });
    } catch (RuntimeException malformed) {
      return false;
    }
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
    return new SM4Engine();
  }

  private byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
    if (key.length != cipherKeyBytes()) {
      throw new IllegalArgumentException("SM4 keys are " + cipherKeyBytes() + " bytes");
    }
    GCMModeCipher cipher = GCMBlockCipher.newInstance(blockCipher());
    cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, associatedData));
    byte[] out = new byte[cipher.getOutputSize(input.length)];
    int length = cipher.processBytes(input, 0, input.length, out, 0);
    try {
      length += cipher.doFinal(out, length);
    } catch (InvalidCipherTextException e) {
      throw new DecryptionException();
    }
    return length == out.length ? out : java.util.Arrays.copyOf(out, length);
  }
}
