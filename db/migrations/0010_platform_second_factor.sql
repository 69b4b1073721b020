-- The second factor of the log-in (a one-time code from an authenticator app), which those who
-- see other people's data must use. The secret is what the app holds; last_step is the 30-second
-- step of the last code accepted, so a code works once.
CREATE TABLE second_factors (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,             -- base32, as the app reads it
    confirmed_at BIGINT,              -- NULL while being set up
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

-- One-time recovery codes for a lost phone, stored hashed (SHA-256), each usable once.
CREATE TABLE recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- When the session passed the second factor; NULL: only the password so far.
ALTER TABLE sessions ADD COLUMN second_factor_at BIGINT;
