package org.qianhe.model.crypto;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qianhe.model.json.ConsentJson;

/**
 * What ingest signs when it accepts a consent: the canonical JSON of
 * {@code {"consentId", "contentDigest", "receivedAt"}}. A terminal (or an auditor) holding the
 * service's public key can prove that the service accepted exactly that content at that time.
 */
public final class ReceiptSignatures {

  private ReceiptSignatures() {}

  public static byte[] signingInput(String consentId, String contentDigest, Instant receivedAt) {
    Map<String, Object> receipt = new LinkedHashMap<>();
    receipt.put("consentId", consentId);
    receipt.put("contentDigest", contentDigest);
    receipt.put("receivedAt", receivedAt);
    return ConsentJson.canonical(receipt);
  }
}
