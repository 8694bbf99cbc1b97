package org.qianhe.ingest.evidence;

/**
 * The keys of the evidence store: key-encryption keys (KEKs) that wrap each object's data key,
 * and the key of the keyed digest objects are addressed by. The embedded default keeps them in a
 * PKCS12 keystore ({@link Pkcs12EvidenceKeys}); a KMS plugs in by implementing this interface —
 * the store never needs a KEK's bytes, only wrap and unwrap by id.
 *
 * <p>Rotation: {@link #wrap} always uses the current KEK; {@link #unwrap} accepts every KEK id the
 * keys ever had, so objects written before a rotation stay readable.
 */
public interface EvidenceKeys {

  /** Id of the KEK new data keys are wrapped with. */
  String currentKekId();

  /** Encrypts a data key under the current KEK, bound to the associated data. */
  WrappedKey wrap(byte[] dataKey, byte[] associatedData);

  /**
   * Decrypts a data key wrapped by {@link #wrap} under any KEK these keys have held.
   *
   * @throws UnknownKeyException when no KEK of that id is known
   * @throws org.qianhe.model.crypto.DecryptionException when the wrapped key or its associated data were altered
   */
  byte[] unwrap(String kekId, byte[] wrapped, byte[] associatedData);

  /** The keyed digest of object addresses (HMAC under the address key with the given suite). */
  byte[] addressMac(org.qianhe.model.crypto.CryptoSuite suite, byte[] data);

  /** No key of the requested id. */
  final class UnknownKeyException extends RuntimeException {
    public UnknownKeyException(String kekId) {
      super("no key-encryption key with id " + kekId);
    }
  }
}
