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
  /** GM only: SM2's user hash of this key (default user id), computed at the first use, reused by every verification. */
  private volatile byte[] sm2UserHash;

  VerificationKey(CryptoSuite suite, byte[] encoded, ECPublicKeyParameters parameters) {
    this.suite = suite.name();
    this.encoded = encoded.clone();
    this.keyId = suite.digestHex(encoded).substring(0, 16);
    this.parameters = parameters;
  }

  byte[] sm2UserHash() {
    byte[] z = sm2UserHash;
    if (z == null) {
      z = Sm2.userHash(parameters.getParameters(), parameters.getQ(), Sm2.DEFAULT_USER_ID);
      sm2UserHash = z; // a race computes the same bytes twice, nothing worse
    }
    return z;
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
