package org.qianhe.model.crypto;

/**
 * Authenticated decryption failed: the ciphertext or its associated data were altered, or the key
 * is not the one they were made with. The message is fixed; it says nothing about the data.
 */
public final class DecryptionException extends RuntimeException {

  public DecryptionException() {
    super("authenticated decryption failed: altered ciphertext or associated data, or the wrong key");
  }
}
