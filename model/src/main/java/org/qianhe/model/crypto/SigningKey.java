package org.qianhe.model.crypto;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/** A private key of one suite with its public half. {@link #toString()} never shows key material. */
public final class SigningKey {

  private final String suite;
  private final byte[] encoded;
  private final VerificationKey verificationKey;
  final ECPrivateKeyParameters parameters;
  /** Signers initialised with this key, made as signatures need them (GM: see {@link GmSuite}). */
  final SignerPool signers = new SignerPool();

  SigningKey(String suite, byte[] encoded, ECPrivateKeyParameters parameters, VerificationKey verificationKey) {
    this.suite = suite;
    this.encoded = encoded.clone();
    this.parameters = parameters;
    this.verificationKey = verificationKey;
  }

  public String suite() {
    return suite;
  }

  /** PKCS#8, DER; a copy. Whoever holds these bytes can sign as this key's owner. */
  public byte[] encoded() {
    return encoded.clone();
  }

  public VerificationKey verificationKey() {
    return verificationKey;
  }

  public String keyId() {
    return verificationKey.keyId();
  }

  @Override
  public String toString() {
    return suite + " signing key " + keyId();
  }
}
