package org.qianhe.ingest.keys;

/**
 * The secrets ingest needs to protect people: the blind-index key (same for every record, so
 * equal ID numbers give equal keys) and the identity-sealing key with its id (so the vault can
 * tell which key opens a record). The embedded default is a local key file ({@link KeyFile});
 * a PKCS12 keystore or a KMS replaces it behind this interface.
 */
public interface KeyMaterial {

  /** HMAC key of the blind index, 32 bytes. Callers get a copy. */
  byte[] blindIndexKey();

  /** Id recorded beside every identity sealed with {@link #sealingKey()}. */
  String sealingKeyId();

  /** AES-256 key that seals identities, 32 bytes. Callers get a copy. */
  byte[] sealingKey();
}
