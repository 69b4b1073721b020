-- Requests to the municipality (issue 4, capability C3): departments and their staff, request
-- types, the requests themselves with their history, attachments, supporters and ratings, and
-- the Open311 API keys. Every row carries municipality_id (ARCHITECTURE rule 6).
CREATE TABLE request_departments (
    id INTEGER PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',            -- the department's shared mailbox, may be empty
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX request_departments_name ON request_departments(municipality_id, name_el);

-- Staff who answer a department's requests. A supervisor may act on every department's requests.
CREATE TABLE request_department_staff (
    department_id BIGINT NOT NULL REFERENCES request_departments(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    supervisor SMALLINT NOT NULL DEFAULT 0,
    PRIMARY KEY (department_id, user_id)
);
CREATE INDEX request_department_staff_user ON request_department_staff(municipality_id, user_id);

CREATE TABLE request_types (
    id INTEGER PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    code TEXT NOT NULL,                        -- Open311 service_code: a-z, 0-9, '-'
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_el TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    department_id BIGINT NOT NULL REFERENCES request_departments(id),
    deadline_days INTEGER NOT NULL CHECK (deadline_days BETWEEN 1 AND 365),  -- working days
    takes_location SMALLINT NOT NULL DEFAULT 0,
    takes_attachments SMALLINT NOT NULL DEFAULT 0,
    public_default SMALLINT NOT NULL DEFAULT 1,
    active SMALLINT NOT NULL DEFAULT 1,
    position INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX request_types_code ON request_types(municipality_id, code);

CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    type_id BIGINT NOT NULL REFERENCES request_types(id),
    department_id BIGINT NOT NULL REFERENCES request_departments(id),
    assignee_user_id BIGINT REFERENCES users(id),
    requester_user_id BIGINT REFERENCES users(id),           -- NULL: an anonymous Open311 report
    organisation_id BIGINT REFERENCES organisations(id),     -- filed on behalf of an organisation
    requester_name TEXT NOT NULL DEFAULT '',                 -- personal data: never public
    requester_email TEXT NOT NULL DEFAULT '',
    requester_phone TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    is_public SMALLINT NOT NULL,
    state TEXT NOT NULL DEFAULT 'submitted'
        CHECK (state IN ('submitted', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'rejected', 'closed')),
    source TEXT NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'api', 'open311')),
    submitted_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    first_response_at BIGINT,                  -- acknowledged, or the first public reply
    resolved_at BIGINT,                        -- the last resolution
    finished_at BIGINT,                        -- the last resolution or rejection (reopen window)
    closed_at BIGINT,
    due_day TEXT NOT NULL,                     -- YYYY-MM-DD (Europe/Athens), working days from submission
    status_note TEXT NOT NULL DEFAULT '',      -- the last public reply or rejection reason
    merged_into_id BIGINT REFERENCES requests(id),
    rating SMALLINT CHECK (rating BETWEEN 1 AND 5),
    rating_comment TEXT NOT NULL DEFAULT '',
    rated_at BIGINT,
    supporters INTEGER NOT NULL DEFAULT 0,
    open311_token TEXT,                        -- GeoReport v2 token of a POSTed request
    search_text TEXT NOT NULL DEFAULT ''       -- folded + transliterated title, description, address
);
-- The staff queue reads its pages off these, newest first.
CREATE INDEX requests_queue ON requests(municipality_id, department_id, state, submitted_at);
CREATE INDEX requests_state ON requests(municipality_id, state, submitted_at);
CREATE INDEX requests_type ON requests(municipality_id, type_id, submitted_at);
CREATE INDEX requests_due ON requests(municipality_id, due_day);
CREATE INDEX requests_submitted ON requests(municipality_id, submitted_at);
CREATE INDEX requests_requester ON requests(requester_user_id, submitted_at);
CREATE INDEX requests_organisation ON requests(organisation_id, submitted_at);
CREATE INDEX requests_assignee ON requests(assignee_user_id, state);
CREATE UNIQUE INDEX requests_token ON requests(open311_token);
-- The public statistics page reads a few columns of every request of a municipality that is not a
-- merged duplicate (store_lists.cpp stats_facts). This index covers them all; without it
-- that read is a scan of the whole table, descriptions and all: ten times slower at 200,000 requests.
CREATE INDEX requests_stats ON requests(municipality_id, merged_into_id, department_id, type_id, submitted_at,
    first_response_at, resolved_at, due_day, rating);
-- Full-text index over requests.search_text; rowid = requests.id, kept in step by the store.
CREATE VIRTUAL TABLE request_search USING fts5(search_text, tokenize='unicode61 remove_diacritics 0');

-- The history of a request: status changes, assignments, staff notes (internal) and public
-- replies, merges, ratings. public = 1 rows are shown to the requester and, for a public
-- request, to everyone.
CREATE TABLE request_events (
    id INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL CHECK (kind IN ('submitted', 'transition', 'assignment', 'note', 'reply', 'merge', 'rating', 'reopen')),
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}',        -- JSON: department_id, assignee_user_id, merged ids
    is_public SMALLINT NOT NULL DEFAULT 0,
    actor_user_id BIGINT REFERENCES users(id),
    at BIGINT NOT NULL
);
CREATE INDEX request_events_request ON request_events(request_id, id);

CREATE TABLE request_attachments (
    id INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    filename TEXT NOT NULL,
    mime TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX request_attachments_request ON request_attachments(request_id);
CREATE INDEX request_attachments_blob ON request_attachments(sha256);

-- "Me too": people who support a public request; they hear of its outcome.
CREATE TABLE request_supporters (
    request_id BIGINT NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (request_id, user_id)
);
CREATE INDEX request_supporters_user ON request_supporters(user_id);

-- Open311 API keys, issued by the tenant admin; only a hash is kept.
CREATE TABLE open311_keys (
    id INTEGER PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX open311_keys_municipality ON open311_keys(municipality_id);
