-- Idempotency and receipts (issue 3): one row per consentId ever claimed. An upload claims its
-- consentId (PENDING) before it writes evidence and produces to Kafka, and marks it ACCEPTED once
-- Kafka acknowledged; the same consent again gets the stored receipt, the same consentId with
-- other content 409. A claim whose upload failed is deleted with its evidence; a claim left
-- PENDING by a crash is taken over by the next upload of that consent after claim-timeout, or
-- cleaned up by the reconciler (evidence lists what to delete).
CREATE TABLE consent_state (
    state VARCHAR(8) NOT NULL PRIMARY KEY
);
INSERT INTO consent_state (state) VALUES ('PENDING');
INSERT INTO consent_state (state) VALUES ('ACCEPTED');

CREATE TABLE consent_receipt (
    consent_id        VARCHAR(36)   NOT NULL PRIMARY KEY,
    terminal_id       VARCHAR(64)   NOT NULL,
    content_digest    VARCHAR(128)  NOT NULL,
    state             VARCHAR(8)    NOT NULL REFERENCES consent_state (state),
    claim_token       VARCHAR(36)   NOT NULL,
    claimed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    receipt_algorithm VARCHAR(32)   NOT NULL,
    receipt_key_id    VARCHAR(64)   NOT NULL,
    receipt_signature VARCHAR(512)  NOT NULL,
    evidence          VARCHAR(2048) NULL,
    accepted_at       TIMESTAMP WITH TIME ZONE NULL
);
CREATE INDEX consent_receipt_pending ON consent_receipt (state, claimed_at);
