-- Audit rows are kept at least three years (qianhe.search.audit.retention, AuditRetention); rows
-- past that may be removed, from the start of the chain only. The anchor names the first row
-- kept and the hash that row links to, so the chain check starts there instead of at genesis;
-- each removal is itself an audit row (action RETENTION, target 'seq:<first kept>').
CREATE TABLE search_audit_anchor (
    id             INT      NOT NULL PRIMARY KEY,
    first_seq      BIGINT   NOT NULL,
    prev_hash      CHAR(64) NOT NULL,
    removed_rows   BIGINT   NOT NULL,
    -- rows that occurred before this instant were removed (the last removal's cut-off)
    removed_before TIMESTAMP WITH TIME ZONE NULL
);
INSERT INTO search_audit_anchor (id, first_seq, prev_hash, removed_rows, removed_before)
VALUES (1, 1, '0000000000000000000000000000000000000000000000000000000000000000', 0, NULL);
INSERT INTO search_audit_action (action) VALUES ('RETENTION');
