package org.qianhe.model.crypto;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Signer;

/**
 * Initialised BouncyCastle signers of one key, lent to one thread at a time. A signer's
 * {@code init} is the costly part of a GM signature (BouncyCastle's {@code SM2Signer} computes the
 * user hash Z there, and the public point when signing), while its {@code generateSignature} and
 * {@code verifySignature} end in {@code reset()}, which leaves it ready for the next message of the
 * same key. The pool holds at most as many signers as threads ever used the key at once, and goes
 * with its key object.
 */
final class SignerPool {

  /** What one borrowed signer is used for; a failure discards the signer instead of lending it again. */
  @FunctionalInterface
  interface Use<T, E extends Exception> {
    T apply(Signer signer) throws E;
  }

  private final Queue<Signer> idle = new ConcurrentLinkedQueue<>();

  /** Lends an idle signer, or one {@code initialisedSigner} makes when every other is in use. */
  <T, E extends Exception> T with(Supplier<Signer> initialisedSigner, Use<T, E> use) throws E {
    Signer signer = idle.poll();
    if (signer == null) {
      signer = initialisedSigner.get();
    }
    T result = use.apply(signer); // on an exception the signer is dropped: its state is not trusted
    idle.offer(signer);
    return result;
  }

  @Override
  public String toString() {
    return "signer pool"; // never the signers: they hold the key
  }
}
