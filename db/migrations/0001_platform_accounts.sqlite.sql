-- Tenancy and accounts. Accounts are install-wide (one person, one log-in, across the
-- municipalities of a national install); what a person may do is granted per municipality
-- in user_roles.
CREATE TABLE municipalities (
    id INTEGER PRIMARY KEY,
    elstat_code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,            -- as people write it: "Καλαμάτας"
    name_en TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    nuts2 TEXT NOT NULL DEFAULT '',
    slug TEXT NOT NULL UNIQUE,
    host TEXT UNIQUE,              -- for host-based tenancy
    brand_colour TEXT NOT NULL DEFAULT '#003476',
    logo_url TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT UNIQUE,             -- NULL once the account is deleted
    email_verified_at BIGINT,
    password_hash TEXT,
    display_name TEXT NOT NULL DEFAULT '',
    home_municipality_id BIGINT REFERENCES municipalities(id),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deleted')),
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);

CREATE TABLE user_roles (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    municipality_id BIGINT REFERENCES municipalities(id),  -- NULL: install-wide (operator)
    role TEXT NOT NULL,
    granted_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles(user_id, COALESCE(municipality_id, 0), role);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE email_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset', 'email_change')),
    token_hash TEXT NOT NULL UNIQUE,
    new_email TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Failed log-ins, for rate limiting per account and per IP. Keys are hashes, not addresses.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    account_key TEXT NOT NULL,
    ip_key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_account ON login_failures(account_key, at);
CREATE INDEX login_failures_ip ON login_failures(ip_key, at);
