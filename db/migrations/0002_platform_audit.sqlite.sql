-- The audit log (ARCHITECTURE rule 10): decisions about people and money, append-only, one
-- hash chain for the whole install. Each entry's hash covers the previous entry's hash and
-- its own content (see src/platform/audit/chain.cpp), so audit::verify() finds an entry that
-- was changed, removed or re-ordered even by someone who dropped the triggers below.
--
-- No foreign keys on purpose: the log must outlive the users and municipalities it names.

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,            -- assigned by audit::append from audit_head: 1, 2, 3 … without gaps
    at BIGINT NOT NULL,                -- unix seconds, UTC
    municipality_id BIGINT,            -- NULL: install-wide
    actor_user_id BIGINT,              -- NULL: the system (a job, the CLI)
    action TEXT NOT NULL,              -- "account.login"
    subject TEXT NOT NULL,             -- "user:42"
    details_json TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,           -- hash of entry id-1 (64 zeros for the first)
    hash TEXT NOT NULL                 -- sha256 hex of prev_hash + canonical content
);
CREATE INDEX audit_log_municipality ON audit_log (municipality_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain head: the last entry's id and hash. append() reads and advances it in the
-- writer's transaction (SQLite writers are serialised by BEGIN IMMEDIATE), and verify()
-- compares it with the log, which catches entries removed from the end.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused');
END;

-- The head only moves forward, one entry at a time, onto an entry that exists.
CREATE TRIGGER audit_head_advance_only BEFORE UPDATE ON audit_head
WHEN NEW.id <> OLD.id
  OR NEW.last_id <> OLD.last_id + 1
  OR NEW.last_hash IS NOT (SELECT hash FROM audit_log WHERE id = NEW.last_id)
BEGIN
    SELECT RAISE(ABORT, 'audit_head only advances to the newest audit_log entry');
END;

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head cannot be deleted');
END;
