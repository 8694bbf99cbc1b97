package org.qianhe.terminal.sdk;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.qianhe.model.TerminalSignature;
import org.qianhe.terminal.client.Submission;

/**
 * Faults a terminal can be told to commit, to drill the service: send a consent twice (as after a
 * lost answer), hold consents back and upload them late, or tamper with the signature. Each fault
 * hits a consent with its probability, decided once per consent from a seed, so a run is repeatable.
 *
 * @param duplicate probability that a consent is sent twice
 * @param late probability that a consent is held back for {@code lateBy} before its first upload
 * @param lateBy how long a late consent is held back
 * @param tamper probability that a consent's signature is corrupted (the service answers 401 and the
 *     consent is refused for good: a terminal whose signatures break is broken)
 * @param seed the seed of the decisions
 */
public record Faults(double duplicate, double late, Duration lateBy, double tamper, long seed) {

  public static final Faults NONE = new Faults(0, 0, Duration.ZERO, 0, 0);

  private static final Map<String, Instant> FIRST_SEEN = new ConcurrentHashMap<>();

  boolean duplicate(String consentId) {
    return hit(consentId, 1, duplicate);
  }

  boolean holdBack(String consentId, Instant now) {
    if (!hit(consentId, 2, late)) {
      return false;
    }
    Instant first = FIRST_SEEN.computeIfAbsent(consentId, id -> now);
    return now.isBefore(first.plus(lateBy));
  }

  boolean tampers(String consentId) {
    return hit(consentId, 3, tamper);
  }

  Submission tamper(Submission signed) {
    if (!tampers(signed.upload().getConsentId())) {
      return signed;
    }
    TerminalSignature signature = signed.upload().getSignature();
    char[] value = signature.getValue().toCharArray();
    value[value.length / 2] = value[value.length / 2] == 'A' ? 'B' : 'A';
    signature.setValue(new String(value));
    return signed;
  }

  private boolean hit(String consentId, int fault, double probability) {
    return probability > 0 && new Random(seed * 31 + consentId.hashCode() * 7L + fault).nextDouble() < probability;
  }
}
