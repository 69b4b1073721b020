-- Two entries of a request's history that the requester writes: taking back a request nobody
-- has acted on yet ('withdrawal'), and adding text or files to an open one ('information').
-- SQLite cannot change a CHECK constraint, so the table is rebuilt with the same rows and ids.
CREATE TABLE request_events_new (
    id INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL CHECK (kind IN ('submitted', 'transition', 'assignment', 'note', 'reply', 'merge', 'rating', 'reopen',
                                       'withdrawal', 'information')),
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}',        -- JSON: department_id, assignee_user_id, merged ids
    is_public SMALLINT NOT NULL DEFAULT 0,
    actor_user_id BIGINT REFERENCES users(id),
    at BIGINT NOT NULL
);
INSERT INTO request_events_new (id, request_id, municipality_id, kind, from_state, to_state, body, details, is_public, actor_user_id, at)
    SELECT id, request_id, municipality_id, kind, from_state, to_state, body, details, is_public, actor_user_id, at FROM request_events;
DROP TABLE request_events;
ALTER TABLE request_events_new RENAME TO request_events;
CREATE INDEX request_events_request ON request_events(request_id, id);
