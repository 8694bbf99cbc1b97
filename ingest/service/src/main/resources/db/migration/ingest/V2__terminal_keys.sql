-- Signed uploads (issue 3): every terminal is registered with its public key (X.509
-- SubjectPublicKeyInfo, base64, in public_key), the crypto suite that key belongs to, and the
-- key's id (the first 16 hex characters of the suite digest of the encoded key), which signatures
-- name. Suites are a lookup table for the same reason statuses are (see V1).
CREATE TABLE crypto_suite (
    suite VARCHAR(8) NOT NULL PRIMARY KEY
);
INSERT INTO crypto_suite (suite) VALUES ('GM');
INSERT INTO crypto_suite (suite) VALUES ('INTL');

ALTER TABLE terminal ADD CONSTRAINT terminal_crypto_suite_fk FOREIGN KEY (crypto_suite) REFERENCES crypto_suite (suite);
ALTER TABLE terminal ADD COLUMN key_id VARCHAR(64) NULL;
ALTER TABLE terminal ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE NULL;
