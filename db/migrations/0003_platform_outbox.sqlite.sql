-- Outgoing mail. Business code queues a message in its own transaction (mail::enqueue), so
-- mail goes out only if the change commits; a job sends it (mail::dispatch_due) and retries
-- with exponential backoff.
--
-- A row is claimed by moving next_attempt_at forward (a lease) and counting the attempt, so a
-- process that dies while sending leaves the message due again later, not lost; the attempt
-- count doubles as the fencing token when the result is recorded.

CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    municipality_id BIGINT,            -- the tenant the mail is about; NULL: install-wide
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,   -- unix seconds, UTC; due when <= now
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX mail_outbox_municipality ON mail_outbox (municipality_id, id);
