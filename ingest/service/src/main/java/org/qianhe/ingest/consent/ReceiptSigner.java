package org.qianhe.ingest.consent;

import java.time.Instant;
import java.util.Base64;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.model.Receipt;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.ReceiptSignatures;
import org.qianhe.model.crypto.SigningKey;
import org.springframework.stereotype.Component;

/** Signs receipts with the deployment's receipt key; the same receipt goes to the terminal and into the record. */
@Component
class ReceiptSigner {

  private final CryptoSuite suite;
  private final SigningKey key;

  ReceiptSigner(IngestProperties properties, SigningKey receiptSigningKey) {
    this.suite = properties.suite();
    this.key = receiptSigningKey;
  }

  IngestReceipt sign(String consentId, String contentDigest, Instant receivedAt) {
    byte[] value = suite.sign(key, ReceiptSignatures.signingInput(consentId, contentDigest, receivedAt));
    return new IngestReceipt(consentId, contentDigest, receivedAt, new IngestReceipt.Signature(
        suite.signatureAlgorithm(), key.keyId(), Base64.getEncoder().encodeToString(value)));
  }

  /** The receipt as the archived record carries it. */
  static Receipt toRecord(IngestReceipt receipt) {
    return Receipt.newBuilder().setContentDigest(receipt.contentDigest()).setReceivedAt(receipt.receivedAt())
        .setSignature(receipt.signature().value()).setKeyId(receipt.signature().keyId())
        .setAlgorithm(receipt.signature().algorithm()).build();
  }

  CryptoSuite suite() {
    return suite;
  }

  SigningKey key() {
    return key;
  }
}
