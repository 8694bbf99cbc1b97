package org.qianhe.ingest.consent;

import java.time.Instant;

/**
 * What a terminal gets for an accepted consent, and gets again, identical, for the same consent
 * uploaded again. {@code contentDigest} is the hex digest (the deployment suite's: SM3 or
 * SHA-256) of the upload's canonical JSON without its signature; {@code signature} is ingest's
 * signature over {@code ReceiptSignatures.signingInput(consentId, contentDigest, receivedAt)},
 * verifiable with the key of that id published at {@code GET /v1/receipt-keys}.
 */
record IngestReceipt(String consentId, String contentDigest, Instant receivedAt, Signature signature) {

  record Signature(String algorithm, String keyId, String value) {}
}
