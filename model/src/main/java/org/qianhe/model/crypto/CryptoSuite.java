package org.qianhe.model.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * One coherent set of algorithms: signatures, digests, MACs and authenticated encryption. A
 * deployment chooses one ({@link CryptoSuites#of(String)}); terminals, receipts, evidence objects
 * and registries name the suite they were made with, so data of either suite stays readable.
 *
 * <p>{@code GM}: SM2 signatures (with SM3, GM/T 0009 default user id), SM3 digests, HMAC-SM3,
 * SM4-GCM, keys on the curve sm2p256v1 — what Chinese government systems are assessed against.
 * {@code INTL}: ECDSA on P-256 with SHA-256 (deterministic nonces, RFC 6979), SHA-256,
 * HMAC-SHA256, AES-256-GCM.
 *
 * <p>Implementations are stateless and thread-safe. Keys are encoded as X.509
 * SubjectPublicKeyInfo and PKCS#8, signatures as DER, so other tools (OpenSSL, GmSSL, any JCA
 * provider) read them.
 */
public interface CryptoSuite {

  /** Nonce length of {@link #encrypt}: 96 bits, the GCM size that needs no extra hashing. */
  int NONCE_BYTES = 12;

  /** Authentication tag appended by {@link #encrypt}: 128 bits. */
  int TAG_BYTES = 16;

  /** {@code GM} or {@code INTL}: what configuration, registries and object headers store. */
  String name();

  /** The signature algorithm's name as it appears in signatures: {@code SM3withSM2}, {@code SHA256withECDSA}. */
  String signatureAlgorithm();

  /** {@code SM3} or {@code SHA-256}. */
  String digestAlgorithm();

  /** {@code HMAC-SM3} or {@code HMAC-SHA256}. */
  String macAlgorithm();

  /** {@code SM4-GCM} or {@code AES-256-GCM}. */
  String cipherAlgorithm();

  /** Key length of {@link #encrypt}: 16 bytes for SM4, 32 for AES-256. */
  int cipherKeyBytes();

  byte[] digest(byte[] data);

  /** The lowercase hex digest, the form consents carry (evidence digests, content digests). */
  default String digestHex(byte[] data) {
    return HexFormat.of().formatHex(digest(data));
  }

  byte[] mac(byte[] key, byte[] data);

  /** A fresh signing key on the suite's curve. */
  SigningKey generateSigningKey(SecureRandom random);

  /**
   * Reads a public key (X.509 SubjectPublicKeyInfo, DER) and checks that it is a valid point of
   * this suite's curve.
   *
   * @throws IllegalArgumentException when the bytes are not such a key (the message names no key material)
   */
  VerificationKey verificationKey(byte[] subjectPublicKeyInfo);

  /**
   * Reads a private key (PKCS#8, DER) of this suite's curve.
   *
   * @throws IllegalArgumentException when the bytes are not such a key
   */
  SigningKey signingKey(byte[] pkcs8);

  /** A DER signature over the message. */
  byte[] sign(SigningKey key, byte[] message);

  /** Whether the signature is valid; false (never an exception) for malformed signatures and foreign keys. */
  boolean verify(VerificationKey key, byte[] message, byte[] signature);

  /**
   * Authenticated encryption; the result is the ciphertext followed by the {@value #TAG_BYTES}-byte
   * tag. A nonce must never repeat under one key.
   */
  byte[] encrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext);

  /**
   * Reverses {@link #encrypt}.
   *
   * @throws DecryptionException when the ciphertext, the associated data or the key is not the one it was made with
   */
  byte[] decrypt(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext);
}
