package org.qianhe.model.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA on P-256 with SHA-256 (FIPS 186-5; nonces derived deterministically as in RFC 6979, so
 * signing needs no random source), SHA-256, HMAC-SHA256 and AES-256-GCM.
 *
 * <p>Signatures use BouncyCastle's specialised P-256 arithmetic (four times faster than the JDK's
 * here); digests, MACs and AES-GCM use the JDK, whose SHA and AES-GCM intrinsics use the CPU's
 * instructions and beat any Java implementation by an order of magnitude.
 */
final class IntlSuite extends EcSuite {

  IntlSuite() {
    super("secp256r1");
  }

  @Override
  public String name() {
    return "INTL";
  }

  @Override
  public String signatureAlgorithm() {
    return "SHA256withECDSA";
  }

  @Override
  public String digestAlgorithm() {
    return "SHA-256";
  }

  @Override
  public String macAlgorithm() {
    return "HMAC-SHA256";
  }

  @Override
  public String cipherAlgorithm() {
    return "AES-256-GCM";
  }

  @Override
  public int cipherKeyBytes() {
    return 32;
  }

  @Override
  public byte[] digest(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Override
  public byte[] mac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  @Override
  public byte[] sign(SigningKey key, byte[] message) {
    requireOwn(key);
    DSADigestSigner signer = signer();
    signer.init(true, key.parameters);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public boolean verify(VerificationKey key, byte[] message, byte[] signature) {
    if (!name().equals(key.suite()) || signature == null) {
      return false;
    }
    try {
      DSADigestSigner verifier = signer();
      verifier.init(false, key.parameters);
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  private static DSADigestSigner signer() {
    return new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())), new SHA256Digest());
  }

  @Override
  public byte[] encrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
    return gcm(Cipher.ENCRYPT_MODE, key, nonce, associatedData, plaintext);
  }

  @Override
  public byte[] decrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext) {
    return gcm(Cipher.DECRYPT_MODE, key, nonce, associatedData, ciphertext);
  }

  private byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] associatedData, byte[] input) {
    if (key.length != cipherKeyBytes()) {
      throw new IllegalArgumentException("AES-256 keys are " + cipherKeyBytes() + " bytes");
    }
    if (mode == Cipher.DECRYPT_MODE && input.length < TAG_BYTES) {
      throw new DecryptionException(); // the JDK reports this one as a ProviderException
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      if (associatedData != null) {
        cipher.updateAAD(associatedData);
      }
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      if (mode == Cipher.DECRYPT_MODE) {
        throw new DecryptionException(); // a bad tag, or input shorter than one
      }
      throw new IllegalStateException("AES-GCM failed: " + e.getClass().getSimpleName());
    }
  }
}
