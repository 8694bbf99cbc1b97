package org.qianhe.ingest.consent;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/receipt-keys}: the public keys receipts are signed with, so a terminal (or an
 * auditor) can verify a receipt without trusting the channel it came through. Public data.
 */
@RestController
class ReceiptKeysController {

  private final ReceiptSigner signer;

  ReceiptKeysController(ReceiptSigner signer) {
    this.signer = signer;
  }

  @GetMapping(path = "/v1/receipt-keys", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, List<Map<String, String>>> keys() {
    return Map.of("keys", List.of(Map.of(
        "keyId", signer.key().keyId(),
        "suite", signer.suite().name(),
        "algorithm", signer.suite().signatureAlgorithm(),
        "digestAlgorithm", signer.suite().digestAlgorithm(),
        "publicKey", signer.key().verificationKey().base64())));
  }
}
