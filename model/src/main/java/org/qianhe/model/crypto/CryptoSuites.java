package org.qianhe.model.crypto;

import java.util.List;

/** The two suites, by name. */
public final class CryptoSuites {

  /** SM2 / SM3 / SM4-GCM. */
  public static final CryptoSuite GM = new GmSuite();

  /** ECDSA P-256 / SHA-256 / AES-256-GCM. */
  public static final CryptoSuite INTL = new IntlSuite();

  private static final List<CryptoSuite> ALL = List.of(GM, INTL);

  private CryptoSuites() {}

  /**
   * The suite of that name, case-insensitive.
   *
   * @throws IllegalArgumentException naming the known suites when there is none of that name
   */
  public static CryptoSuite of(String name) {
    for (CryptoSuite suite : ALL) {
      if (suite.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return suite;
      }
    }
    throw new IllegalArgumentException("unknown crypto suite; known: " + names());
  }

  /** The suite whose signatures carry that algorithm name ({@link CryptoSuite#signatureAlgorithm()}). */
  public static java.util.Optional<CryptoSuite> bySignatureAlgorithm(String algorithm) {
    return ALL.stream().filter(s -> s.signatureAlgorithm().equals(algorithm)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(CryptoSuite::name).toList();
  }
}
