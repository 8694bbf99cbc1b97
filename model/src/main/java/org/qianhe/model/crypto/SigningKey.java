package org.qianhe.model.crypto;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/** A private key of one suite with its public half. {@link #toString()} never shows key material. */
public final class SigningKey {

  private final String suite;
  private final byte[] encoded;
  private final VerificationKey verificationKey;
  final ECPrivateKeyParameters parameters;
  /** GM only: SM2's (1 + d)^-1 mod n, computed at the first signature. */
  private volatile java.math.BigInteger sm2InverseOfOnePlusD;

  SigningKey(String suite, byte[] encoded, ECPrivateKeyParameters parameters, VerificationKey verificationKey) {
    this.suite = suite;
    this.encoded = encoded.clone();
    this.parameters = parameters;
    this.verificationKey = verificationKey;
  }

  java.math.BigInteger sm2InverseOfOnePlusD() {
    java.math.BigInteger inverse = sm2InverseOfOnePlusD;
    if (inverse == null) {
      inverse = Sm2.inverseOfOnePlus(parameters.getParameters(), parameters.getD());
      sm2InverseOfOnePlusD = inverse;
    }
    return inverse;
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
