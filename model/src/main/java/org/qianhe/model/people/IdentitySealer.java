package org.qianhe.model.people;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.qianhe.model.SealedIdentity;

/**
 * Seals the full identity of the people in a consent with AES-256-GCM under a key with an id;
 * the consentId is bound as associated data so a sealed identity cannot be moved to another
 * record. Only the vault, holding the key of that id, can open it.
 */
public final class IdentitySealer {

  public static final String ALGORITHM = "AES-256-GCM";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String keyId;
  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public IdentitySealer(String keyId, byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("sealing key must be 256 bits");
    }
    this.keyId = keyId;
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  public SealedIdentity seal(byte[] identity, String consentId) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, identity, consentId);
    ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).flip();
    return SealedIdentity.newBuilder().setKeyId(keyId).setAlgorithm(ALGORITHM).setCiphertext(out).build();
  }

  public byte[] open(SealedIdentity sealed, String consentId) {
    if (!keyId.equals(sealed.getKeyId()) || !ALGORITHM.equals(sealed.getAlgorithm())) {
      throw new IllegalArgumentException("sealed with key " + sealed.getKeyId() + ", not " + keyId);
    }
    ByteBuffer in = sealed.getCiphertext().duplicate();
    byte[] nonce = new byte[NONCE_BYTES];
    in.get(nonce);
    byte[] body = new byte[in.remaining()];
    in.get(body);
    return crypt(Cipher.DECRYPT_MODE, nonce, body, consentId);
  }

  private byte[] crypt(int mode, byte[] nonce, byte[] input, String consentId) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(consentId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // Deliberately no cause detail beyond the type: it can only be a wrong key or tampering.
      throw new IllegalStateException("identity could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened")
          + ": " + e.getClass().getSimpleName());
    }
  }
}
