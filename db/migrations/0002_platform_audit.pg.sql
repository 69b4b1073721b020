-- The audit log (ARCHITECTURE rule 10): decisions about people and money, append-only, one
-- hash chain for the whole install. Each entry's hash covers the previous entry's hash and
-- its own content (see src/platform/audit/chain.cpp), so audit::verify() finds an entry that
-- was changed, removed or re-ordered even by someone who dropped the triggers below.
--
-- No foreign keys on purpose: the log must outlive the users and municipalities it names.

CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,             -- assigned by audit::append from audit_head: 1, 2, 3 … without gaps
    at BIGINT NOT NULL,                -- unix seconds, UTC
    municipality_id BIGINT,            -- NULL: install-wide
    actor_user_id BIGINT,              -- NULL: the system (a job, the CLI)
    action TEXT COLLATE "C" NOT NULL,  -- "account.login"; byte order, for prefix ranges
    subject TEXT NOT NULL,             -- "user:42"
    details_json TEXT NOT NULL DEFAULT '{}',  -- TEXT, not jsonb: the hash covers these exact bytes
    prev_hash TEXT NOT NULL,           -- hash of entry id-1 (64 zeros for the first)
    hash TEXT NOT NULL                 -- sha256 hex of prev_hash + canonical content
);
CREATE INDEX audit_log_municipality ON audit_log (municipality_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain head: the last entry's id and hash. append() locks it (SELECT … FOR UPDATE), so
-- two transactions cannot both extend the same entry and fork the chain; verify() compares
-- it with the log, which catches entries removed from the end.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- The head only moves forward, one entry at a time, onto an entry that exists.
CREATE FUNCTION audit_head_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE'
       OR NEW.id <> OLD.id
       OR NEW.last_id <> OLD.last_id + 1
       OR NEW.last_hash IS DISTINCT FROM (SELECT hash FROM audit_log WHERE id = NEW.last_id) THEN
        RAISE EXCEPTION 'audit_head only advances to the newest audit_log entry (% refused)', TG_OP;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_head_advance_only BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_head_advance_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_head_advance_only();
