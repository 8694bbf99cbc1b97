-- Append-only, hash-chained audit log of every search, view, unmask, evidence view, export and
-- refused attempt (DESIGN.md section 5). Each row's hash is SHA-256 over its canonical form and
-- the previous row's hash (org.qianhe.search.audit.AuditHash), so changing, removing or
-- reordering a row breaks the chain from there on. The head row names the last link: removing
-- rows at the end is detected too. Appenders lock the head (SELECT ... FOR UPDATE), which
-- serialises them across processes.
CREATE TABLE search_audit_action (
    action VARCHAR(16) NOT NULL PRIMARY KEY
);
INSERT INTO search_audit_action (action) VALUES ('SEARCH');
INSERT INTO search_audit_action (action) VALUES ('VIEW');
INSERT INTO search_audit_action (action) VALUES ('UNMASK');
INSERT INTO search_audit_action (action) VALUES ('EVIDENCE_VIEW');
INSERT INTO search_audit_action (action) VALUES ('EXPORT');
INSERT INTO search_audit_action (action) VALUES ('DENIED');
INSERT INTO search_audit_action (action) VALUES ('ADMIN');

CREATE TABLE search_audit_log (
    seq          BIGINT        NOT NULL PRIMARY KEY,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    username     VARCHAR(64)   NOT NULL,
    action       VARCHAR(16)   NOT NULL REFERENCES search_audit_action (action),
    -- the consent (or account) acted on, when there is one
    target       VARCHAR(64)   NULL,
    -- what was asked, never a raw identifier (people appear as blind-index keys)
    summary      VARCHAR(1000) NOT NULL,
    result_count BIGINT        NOT NULL,
    -- the reason a trace officer stated for an unmask or evidence view
    reason       VARCHAR(500)  NULL,
    client       VARCHAR(64)   NULL,
    prev_hash    CHAR(64)      NOT NULL,
    row_hash     CHAR(64)      NOT NULL
);
CREATE INDEX search_audit_log_user ON search_audit_log (username, seq);
CREATE INDEX search_audit_log_target ON search_audit_log (target);

CREATE TABLE search_audit_head (
    id        INT      NOT NULL PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);
INSERT INTO search_audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
