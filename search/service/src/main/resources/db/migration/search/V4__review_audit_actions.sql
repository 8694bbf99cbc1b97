-- The paper review page (issue 6) audits what reviewers see and decide under actions of its own.
INSERT INTO search_audit_action (action) VALUES ('REVIEW_VIEW');
INSERT INTO search_audit_action (action) VALUES ('REVIEW_APPROVE');
INSERT INTO search_audit_action (action) VALUES ('REVIEW_REJECT');
