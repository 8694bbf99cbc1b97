-- Terminals allowed to upload consents (DESIGN.md section 5). Written for PostgreSQL and for
-- H2 in PostgreSQL mode, the embedded default.
--
-- Allowed statuses are a lookup table, not CHECK (status IN (...)): H2 2.4.240 fails such a
-- check with "Check constraint invalid" in every session but the one that created it
-- (h2database issues 4291, 4302, 4308), i.e. on every pooled connection.
CREATE TABLE terminal_status (
    status VARCHAR(8) NOT NULL PRIMARY KEY
);
INSERT INTO terminal_status (status) VALUES ('ACTIVE');
INSERT INTO terminal_status (status) VALUES ('REVOKED');

CREATE TABLE terminal (
    terminal_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    site_code    VARCHAR(32)   NOT NULL,
    region_code  VARCHAR(6)    NOT NULL,
    -- filled once uploads are signed: the terminal's encoded public key and its crypto suite
    -- (GM or INTL; that change adds the rule for the suite's values)
    public_key   VARCHAR(4096) NULL,
    crypto_suite VARCHAR(8)    NULL,
    status       VARCHAR(8)    NOT NULL DEFAULT 'ACTIVE' REFERENCES terminal_status (status),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
