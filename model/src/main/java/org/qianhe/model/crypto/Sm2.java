package org.qianhe.model.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECConstants;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * SM2 signatures (GB/T 32918.2) on BouncyCastle's curve arithmetic, with what depends on the key
 * alone computed once per key instead of once per signature: the user hash Z (SM3 over the user id,
 * the curve and the public key) and (1 + d)^-1 mod n. BouncyCastle's {@code SM2Signer} recomputes
 * both, and the public point d·G, at every {@code init}: it signed a receipt in about three times
 * the time of the signature itself. Same algorithm, same DER encoding: {@code KnownAnswerTest} checks
 * the standard's example and that either implementation verifies the other's signatures.
 */
final class Sm2 {

  /** GM/T 0009's default user id, which terminals and receipts use. */
  static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

  private Sm2() {}

  /** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
  static byte[] userHash(ECDomainParameters domain, ECPoint publicKey, byte[] userId) {
    SM3Digest digest = new SM3Digest();
    int bits = userId.length * 8;
    digest.update((byte) (bits >>> 8));
    digest.update((byte) bits);
    digest.update(userId, 0, userId.length);
    int size = (domain.getCurve().getFieldSize() + 7) / 8;
    ECPoint g = domain.getG().normalize();
    ECPoint q = publicKey.normalize();
    for (BigInteger value : new BigInteger[] {domain.getCurve().getA().toBigInteger(), domain.getCurve().getB().toBigInteger(),
        g.getAffineXCoord().toBigInteger(), g.getAffineYCoord().toBigInteger(),
        q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()}) {
      byte[] bytes = BigIntegers.asUnsignedByteArray(size, value);
      digest.update(bytes, 0, bytes.length);
    }
    byte[] z = new byte[digest.getDigestSize()];
    digest.doFinal(z, 0);
    return z;
  }

  /** (1 + d)^-1 mod n, the private key's constant factor of s. */
  static BigInteger inverseOfOnePlus(ECDomainParameters domain, BigInteger d) {
    return BigIntegers.modOddInverse(domain.getN(), d.add(ECConstants.ONE));
  }

  /** A DER signature (r, s) of the message; {@code k} supplies the per-signature secret. */
  static byte[] sign(ECDomainParameters domain, BigInteger d, BigInteger inverseOfOnePlusD, byte[] z, byte[] message,
      DSAKCalculator k) {
    BigInteger n = domain.getN();
    BigInteger e = e(z, message);
    FixedPointCombMultiplier multiplier = new FixedPointCombMultiplier();
    BigInteger r;
    BigInteger s;
    do {
      BigInteger nonce;
      do {
        nonce = k.nextK();
        ECPoint p = multiplier.multiply(domain.getG(), nonce).normalize();
        r = e.add(p.getAffineXCoord().toBigInteger()).mod(n);
      } while (r.signum() == 0 || r.add(nonce).equals(n));
      s = inverseOfOnePlusD.multiply(nonce.subtract(r.multiply(d))).mod(n);
    } while (s.signum() == 0);
    try {
      return StandardDSAEncoding.INSTANCE.encode(n, r, s);
    } catch (IOException e2) {
      throw new IllegalStateException("cannot encode an SM2 signature", e2);
    }
  }

  /** Whether the DER signature is the key's over the message; false for anything malformed. */
  static boolean verify(ECDomainParameters domain, ECPoint publicKey, byte[] z, byte[] message, byte[] signature) {
    BigInteger n = domain.getN();
    BigInteger[] rs;
    try {
      rs = StandardDSAEncoding.INSTANCE.decode(n, signature); // strict DER, r and s in [1, n-1]
    } catch (IOException | RuntimeException malformed) {
      return false;
    }
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
      return false;
    }
    BigInteger t = r.add(s).mod(n);
    if (t.signum() == 0) {
      return false;
    }
    ECPoint point = ECAlgorithms.sumOfTwoMultiplies(domain.getG(), s, publicKey, t).normalize();
    if (point.isInfinity()) {
      return false;
    }
    return e(z, message).add(point.getAffineXCoord().toBigInteger()).mod(n).equals(r);
  }

  /** e = SM3(Z ‖ M) as an integer. */
  private static BigInteger e(byte[] z, byte[] message) {
    SM3Digest digest = new SM3Digest();
    digest.update(z, 0, z.length);
    digest.update(message, 0, message.length);
    byte[] hash = new byte[digest.getDigestSize()];
    digest.doFinal(hash, 0);
    return new BigInteger(1, hash);
  }
}
