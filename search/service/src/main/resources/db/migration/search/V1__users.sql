-- Analysts' accounts of the search service (DESIGN.md section 5). Written for PostgreSQL and for
-- H2 in PostgreSQL mode, the embedded default. Every table is prefixed search_: the database is
-- shared with the other services.
--
-- Roles are a lookup table, not CHECK (role IN (...)): H2 2.4.240 fails such a check with "Check
-- constraint invalid" in every session but the one that created it (h2database issues 4291, 4302,
-- 4308), i.e. on every pooled connection.
CREATE TABLE search_role (
    role VARCHAR(16) NOT NULL PRIMARY KEY
);
INSERT INTO search_role (role) VALUES ('ANALYST');
INSERT INTO search_role (role) VALUES ('TRACE_OFFICER');
INSERT INTO search_role (role) VALUES ('REVIEWER');
INSERT INTO search_role (role) VALUES ('ADMIN');

CREATE TABLE search_user (
    username      VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name  VARCHAR(100) NOT NULL,
    -- Spring Security's encoded form, {argon2}$argon2id$v=19$m=...,t=...,p=...$salt$hash
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE search_user_role (
    username VARCHAR(64) NOT NULL REFERENCES search_user (username) ON DELETE CASCADE,
    role     VARCHAR(16) NOT NULL REFERENCES search_role (role),
    PRIMARY KEY (username, role)
);

-- Region scope: prefixes of the 6-digit administrative division code (41 = Henan, 4101 =
-- Zhengzhou, 410102 = one district), or * for every region. No row: the account sees nothing.
CREATE TABLE search_user_region (
    username      VARCHAR(64) NOT NULL REFERENCES search_user (username) ON DELETE CASCADE,
    region_prefix VARCHAR(6)  NOT NULL,
    PRIMARY KEY (username, region_prefix)
);
