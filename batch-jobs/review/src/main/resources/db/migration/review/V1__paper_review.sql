-- The paper review queue (issue 6, DESIGN.md section 7): pages that migrate-paper could not accept
-- wait here for a person with the REVIEWER role. Written for PostgreSQL and for H2 in PostgreSQL
-- mode (the embedded default); it lives in the search service's database, migrated by
-- org.qianhe.review.ReviewSchema with its own history table (flyway_history_review).
--
-- Only non-identifying columns are in clear. The values read from the form (names, ID number,
-- phone, and every other field with them) are sealed with the ingest service's identity-sealing
-- key (AES-256-GCM, the consentId as associated data): read_values as read, approved_values after
-- the reviewer's corrections.
--
-- Statuses are a lookup table, not CHECK (status IN (...)): H2 fails such checks on pooled
-- connections (see search's V1__users.sql).
CREATE TABLE paper_review_status (
    status VARCHAR(16) NOT NULL PRIMARY KEY
);
INSERT INTO paper_review_status (status) VALUES ('PENDING');
INSERT INTO paper_review_status (status) VALUES ('APPROVED');
INSERT INTO paper_review_status (status) VALUES ('REJECTED');

CREATE TABLE paper_review (
    -- the record's consentId (a name-based UUID of the form id): a page read again is the same row
    consent_id       VARCHAR(36)   NOT NULL PRIMARY KEY,
    batch            VARCHAR(200)  NOT NULL,
    file_name        VARCHAR(500)  NOT NULL,
    page             INT           NOT NULL,
    -- 6-digit region code from the site code read, '' when it could not be read
    region_code      VARCHAR(6)    NOT NULL,
    status           VARCHAR(16)   NOT NULL REFERENCES paper_review_status (status),
    -- JSON array of reason codes (DISAGREES:lotNumber, LOW_CONFIDENCE:guardianName, ...)
    reasons          VARCHAR(4000) NOT NULL,
    -- JSON array of {name, confidence, status, identity}: no values
    fields           VARCHAR(8000) NOT NULL,
    page_confidence  DOUBLE PRECISION NOT NULL,
    -- where the encrypted scan page and signature are (evidence store address) and their references
    evidence_address VARCHAR(128)  NOT NULL,
    evidence         VARCHAR(4000) NOT NULL,
    sealing_key_id   VARCHAR(64)   NOT NULL,
    read_values      BYTEA         NOT NULL,
    approved_values  BYTEA         NULL,
    -- JSON array of the names of the fields the reviewer changed
    corrected_fields VARCHAR(2000) NULL,
    reviewer         VARCHAR(64)   NULL,
    reject_reason    VARCHAR(500)  NULL,
    enqueued_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at       TIMESTAMP WITH TIME ZONE NULL,
    staged_at        TIMESTAMP WITH TIME ZONE NULL
);
CREATE INDEX paper_review_by_status ON paper_review (status, region_code, enqueued_at);
