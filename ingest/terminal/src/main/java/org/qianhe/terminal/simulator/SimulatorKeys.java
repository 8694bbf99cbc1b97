package org.qianhe.terminal.simulator;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.SigningKey;

/**
 * Signing keys of simulated terminals, derived from the terminal id: every process computes the
 * same key for the same terminal, so a demo can register the simulator's terminals in one process
 * and upload from another without handing keys around.
 *
 * <p>Never for real terminals: anyone who reads this class can sign as a simulated terminal. A
 * real terminal generates its key once ({@code admin keygen}, or {@code CryptoSuite.generateSigningKey})
 * and keeps it to itself.
 */
public final class SimulatorKeys {

  /** The suite simulated terminals sign with unless told otherwise: the ingest service's default. */
  public static final CryptoSuite DEFAULT_SUITE = CryptoSuites.GM;

  private static final Map<String, SigningKey> KEYS = new ConcurrentHashMap<>();

  private SimulatorKeys() {}

  public static SigningKey of(String terminalId) {
    return of(DEFAULT_SUITE, terminalId);
  }

  public static SigningKey of(CryptoSuite suite, String terminalId) {
    return KEYS.computeIfAbsent(suite.name() + "/" + terminalId, k -> derive(suite, terminalId));
  }

  private static SigningKey derive(CryptoSuite suite, String terminalId) {
    try {
      // SHA1PRNG seeded before its first use is a deterministic generator: the same seed, the same key.
      SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
      seeded.setSeed(("qianhe-simulated-terminal-v1/" + suite.name() + "/" + terminalId).getBytes(StandardCharsets.UTF_8));
      return suite.generateSigningKey(seeded);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1PRNG is part of every Java runtime", e);
    }
  }
}
