package org.qianhe.model.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.modes.gcm.GCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.Tables8kGCMMultiplier;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4-GCM (RFC 8998; GCM as NIST SP 800-38D defines it, 96-bit nonces, 128-bit tags) on
 * {@link Sm4TableEngine}'s two-block counter mode and BouncyCastle's table-driven GHASH.
 * BouncyCastle's {@code GCMBlockCipher} encrypts one counter block at a time through the
 * {@code BlockCipher} interface, which leaves half of SM4's speed unused; this is the same mode with
 * the counter blocks fed to SM4 in pairs. {@code KnownAnswerTest} checks it against RFC 8998's
 * example and against BouncyCastle's GCM.
 */
final class Sm4Gcm {

  private static final int BLOCK = 16;

  private Sm4Gcm() {}

  /** The ciphertext followed by the 16-byte tag. */
  static byte[] encrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
    Sm4TableEngine sm4 = engine(key, nonce);
    byte[] out = new byte[plaintext.length + CryptoSuite.TAG_BYTES];
    sm4.ctr(nonce, 2, plaintext, 0, plaintext.length, out, 0);
    byte[] tag = tag(sm4, nonce, associatedData, out, plaintext.length);
    System.arraycopy(tag, 0, out, plaintext.length, CryptoSuite.TAG_BYTES);
    return out;
  }

  /** The plaintext; {@link DecryptionException} when the tag does not match. */
  static byte[] decrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] sealed) {
    if (sealed.length < CryptoSuite.TAG_BYTES) {
      throw new DecryptionException();
    }
    Sm4TableEngine sm4 = engine(key, nonce);
    int length = sealed.length - CryptoSuite.TAG_BYTES;
    byte[] tag = tag(sm4, nonce, associatedData, sealed, length);
    if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(sealed, length, sealed.length))) {
      throw new DecryptionException(); // checked before any plaintext exists
    }
    byte[] out = new byte[length];
    sm4.ctr(nonce, 2, sealed, 0, length, out, 0);
    return out;
  }

  private static Sm4TableEngine engine(byte[] key, byte[] nonce) {
    if (nonce == null || nonce.length != CryptoSuite.NONCE_BYTES) {
      throw new IllegalArgumentException("SM4-GCM nonces are " + CryptoSuite.NONCE_BYTES + " bytes");
    }
    Sm4TableEngine sm4 = new Sm4TableEngine();
    sm4.init(true, new KeyParameter(key));
    return sm4;
  }

  /** E(J0) XOR GHASH_H(A, C), with H = E(0) and J0 = nonce ‖ 1. */
  private static byte[] tag(Sm4TableEngine sm4, byte[] nonce, byte[] aad, byte[] ciphertext, int length) {
    byte[] h = new byte[BLOCK];
    sm4.processBlock(h, 0, h, 0);
    GCMMultiplier multiplier = new Tables8kGCMMultiplier();
    multiplier.init(h);
    byte[] x = new byte[BLOCK];
    byte[] a = aad == null ? new byte[0] : aad;
    ghash(multiplier, x, a, a.length);
    ghash(multiplier, x, ciphertext, length);
    long aBits = (long) a.length * 8;
    long cBits = (long) length * 8;
    for (int i = 0; i < 8; i++) {
      x[i] ^= (byte) (aBits >>> (56 - 8 * i));
      x[8 + i] ^= (byte) (cBits >>> (56 - 8 * i));
    }
    multiplier.multiplyH(x);
    byte[] j0 = new byte[BLOCK];
    System.arraycopy(nonce, 0, j0, 0, CryptoSuite.NONCE_BYTES);
    j0[BLOCK - 1] = 1;
    sm4.processBlock(j0, 0, j0, 0);
    for (int i = 0; i < BLOCK; i++) {
      x[i] ^= j0[i];
    }
    return x;
  }

  /** Folds the data, zero-padded to whole blocks, into x. */
  private static void ghash(GCMMultiplier multiplier, byte[] x, byte[] data, int length) {
    int at = 0;
    for (; at + BLOCK <= length; at += BLOCK) {
      for (int i = 0; i < BLOCK; i++) {
        x[i] ^= data[at + i];
      }
      multiplier.multiplyH(x);
    }
    if (at < length) {
      for (int i = 0; at + i < length; i++) {
        x[i] ^= data[at + i];
      }
      multiplier.multiplyH(x);
    }
  }
}
