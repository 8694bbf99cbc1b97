-- The database itself holds the three-year minimum: a DELETE of an audit row passes only when
-- the row occurred more than three years ago and the anchor has already moved past it (so the
-- chain check starts after it). UPDATE and TRUNCATE stay refused. The anchor moves forward only.
CREATE OR REPLACE FUNCTION search_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.occurred_at < now() - INTERVAL '3 years'
       AND OLD.seq < (SELECT first_seq FROM search_audit_anchor WHERE id = 1) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'search_audit_log is append-only: % refused', TG_OP;
END
$$;

CREATE FUNCTION search_audit_anchor_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.first_seq >= OLD.first_seq
       AND NEW.removed_rows >= OLD.removed_rows THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'search_audit_anchor only moves forward: % refused', TG_OP;
END
$$;

CREATE TRIGGER search_audit_anchor_no_rewind BEFORE UPDATE OR DELETE ON search_audit_anchor
    FOR EACH ROW EXECUTE FUNCTION search_audit_anchor_forward_only();
CREATE TRIGGER search_audit_anchor_no_truncate BEFORE TRUNCATE ON search_audit_anchor
    FOR EACH STATEMENT EXECUTE FUNCTION search_audit_anchor_forward_only();
