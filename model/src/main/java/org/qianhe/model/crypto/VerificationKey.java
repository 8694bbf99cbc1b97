package org.qianhe.model.crypto;

import java.util.Base64;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * A public key of one suite, parsed and checked once ({@link CryptoSuite#verificationKey}).
 * Its {@link #keyId()} is derived from the encoded key, so anyone holding the key computes the
 * same id: the first 16 hex characters of the suite digest of the SubjectPublicKeyInfo.
 */
public final class VerificationKey {

  private final String suite;
  private final byte[] encoded;
  private final String keyId;
  final ECPublicKeyParameters parameters;
  /** Verifiers initialised with this key, made as verifications need them (GM: see {@link GmSuite}). */
  final SignerPool verifiers = new SignerPool();

  VerificationKey(CryptoSuite suite, byte[] encoded, ECPublicKeyParameters parameters) {
    this.suite = suite.name();
    this.encoded = encoded.clone();
    this.keyId = suite.digestHex(encoded).substring(0, 16);
    this.parameters = parameters;
  }

  public String suite() {
    return suite;
  }

  /** X.509 SubjectPublicKeyInfo, DER; a copy. */
  public byte[] encoded() {
    return encoded.clone();
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(encoded);
  }

  public String keyId() {
    return keyId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerificationKey key && suite.equals(key.suite)
        && java.util.Arrays.equals(encoded, key.encoded);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return suite + " public key " + keyId;
  }
}
