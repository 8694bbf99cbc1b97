package org.qianhe.ingest.consent;

import java.time.Instant;

/**
 * What a terminal gets for an accepted consent. {@code contentDigest} is the hex SHA-256 of the
 * upload's canonical JSON, so the terminal can prove which content was accepted.
 */
record IngestReceipt(String consentId, String contentDigest, Instant receivedAt) {}
