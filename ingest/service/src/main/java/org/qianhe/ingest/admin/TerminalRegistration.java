package org.qianhe.ingest.admin;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.qianhe.ingest.system.ProblemError;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.VerificationKey;

/**
 * The body of {@code POST /v1/admin/terminals}. {@code publicKey} is the terminal's X.509
 * SubjectPublicKeyInfo, base64 (what {@code openssl pkey -pubout -outform DER | base64} prints);
 * {@code cryptoSuite} defaults to the deployment's.
 */
record TerminalRegistration(String terminalId, String siteCode, String regionCode, String cryptoSuite,
    String publicKey) {

  private static final Pattern TERMINAL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern SITE = Pattern.compile("[0-9A-Za-z]{1,32}");
  private static final Pattern REGION = Pattern.compile("[1-8][0-9]{5}");

  /** Every problem with the registration, by field; empty when it can be stored. */
  List<ProblemError> problems(CryptoSuite defaultSuite) {
    List<ProblemError> problems = new ArrayList<>();
    if (terminalId == null || !TERMINAL_ID.matcher(terminalId).matches()) {
      problems.add(new ProblemError("terminalId", null, "must be 1 to 64 letters, digits, '.', '_' or '-'"));
    }
    if (siteCode == null || !SITE.matcher(siteCode).matches()) {
      problems.add(new ProblemError("siteCode", null, "must be 1 to 32 letters or digits"));
    }
    if (regionCode == null || !REGION.matcher(regionCode).matches()) {
      problems.add(new ProblemError("regionCode", null, "must be a 6-digit GB/T 2260 code"));
    }
    CryptoSuite suite = null;
    try {
      suite = suite(defaultSuite);
    } catch (IllegalArgumentException e) {
      problems.add(new ProblemError("cryptoSuite", null, "must be one of " + CryptoSuites.names()));
    }
    if (suite != null) {
      try {
        key(suite);
      } catch (IllegalArgumentException e) {
        problems.add(new ProblemError("publicKey", null,
            "must be a base64 X.509 SubjectPublicKeyInfo of a " + suite.name() + " key (" + suite.signatureAlgorithm() + ")"));
      }
    }
    return problems;
  }

  CryptoSuite suite(CryptoSuite defaultSuite) {
    return cryptoSuite == null || cryptoSuite.isBlank() ? defaultSuite : CryptoSuites.of(cryptoSuite);
  }

  VerificationKey key(CryptoSuite suite) {
    if (publicKey == null) {
      throw new IllegalArgumentException("no public key");
    }
    return suite.verificationKey(Base64.getMimeDecoder().decode(publicKey.strip()));
  }
}
