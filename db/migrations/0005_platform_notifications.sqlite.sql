-- In-app notifications (platform/notify): one row per event per recipient, per municipality.
-- Texts are stored translated, in the recipient's language at the time of the event.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, municipality_id, id);
CREATE INDEX notifications_unread ON notifications(user_id, municipality_id) WHERE read_at IS NULL;
