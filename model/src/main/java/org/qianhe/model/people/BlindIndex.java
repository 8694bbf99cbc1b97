package org.qianhe.model.people;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed blind index: HMAC-SHA256 of a normalised identifier. Equal identifiers give equal keys,
 * so analysts can find every dose of one child, but without the key nobody can test a guessed
 * ID number against it (a plain hash of an 18-digit ID is brute-forced in minutes).
 */
public final class BlindIndex {

  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  public BlindIndex(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("blind index key must be at least 256 bits");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  public String of(String identifier) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(normalise(identifier).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** Citizen IDs end in a check character written as x or X; spaces creep in from forms. */
  static String normalise(String identifier) {
    return identifier.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
  }
}
