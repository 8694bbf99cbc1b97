-- PostgreSQL refuses every change to a written audit row: UPDATE, DELETE and TRUNCATE raise an
-- error whoever asks (short of a superuser disabling triggers, which the hash chain then exposes).
-- The embedded H2 default has no such trigger (an H2 trigger is a Java class that every process
-- opening the shared file would need); there the hash chain alone shows tampering.
CREATE FUNCTION search_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'search_audit_log is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER search_audit_log_no_change BEFORE UPDATE OR DELETE ON search_audit_log
    FOR EACH ROW EXECUTE FUNCTION search_audit_log_append_only();
CREATE TRIGGER search_audit_log_no_truncate BEFORE TRUNCATE ON search_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION search_audit_log_append_only();
