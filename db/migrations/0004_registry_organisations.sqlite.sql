-- Organisation registry (issue 3): associations, ΚΑλΟ entities and other civil-society bodies,
-- their people, documents, staff notes and history. Every row carries municipality_id
-- (ARCHITECTURE rule 6) so that no query can cross municipalities by forgetting a join.
CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    slug TEXT NOT NULL,
    official_name TEXT NOT NULL,
    distinctive_title TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    subtype TEXT NOT NULL,
    afm TEXT,                                  -- NULL when not given (informal groups)
    gemi_number TEXT NOT NULL DEFAULT '',
    kalo_registry_number TEXT NOT NULL DEFAULT '',
    court_registry_number TEXT NOT NULL DEFAULT '',
    founding_date TEXT NOT NULL DEFAULT '',    -- YYYY-MM-DD or ''
    description TEXT NOT NULL DEFAULT '',      -- Markdown, rendered safely
    seat_address TEXT NOT NULL DEFAULT '',
    neighbourhood TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    social_links TEXT NOT NULL DEFAULT '[]',   -- JSON array of URLs
    declared_members BIGINT,
    board TEXT NOT NULL DEFAULT '{}',          -- JSON {president, secretary, treasurer, members[]}
    visibility TEXT NOT NULL DEFAULT '{}',     -- JSON {field: "public"|"municipality"}, overrides only
    logo_sha256 TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'submitted', 'verified', 'returned', 'suspended', 'dissolved')),
    return_reasons TEXT NOT NULL DEFAULT '[]', -- JSON array, the last return's reasons
    name_sort TEXT NOT NULL DEFAULT '',        -- hex ICU sort key (Greek collation), for ORDER BY
    search_text TEXT NOT NULL DEFAULT '',      -- folded + transliterated public text
    public_neighbourhood TEXT NOT NULL DEFAULT '',  -- the neighbourhood when public, for the filter
    listed SMALLINT NOT NULL DEFAULT 0,        -- 1 when the public directory lists it (submitted, verified)
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    verified_at BIGINT,
    expires_at BIGINT,
    reminded_at BIGINT
);
CREATE UNIQUE INDEX organisations_slug ON organisations(municipality_id, slug);
CREATE UNIQUE INDEX organisations_afm ON organisations(municipality_id, afm);
-- The directory reads its pages straight off these indexes in order, stopping after one page.
CREATE INDEX organisations_listing ON organisations(municipality_id, listed, name_sort);
CREATE INDEX organisations_newest ON organisations(municipality_id, listed, submitted_at);
CREATE INDEX organisations_state ON organisations(municipality_id, state, name_sort);
CREATE INDEX organisations_neighbourhood ON organisations(municipality_id, listed, public_neighbourhood);
CREATE INDEX organisations_expiry ON organisations(state, expires_at);

CREATE TABLE organisation_areas (
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    area TEXT NOT NULL,
    PRIMARY KEY (organisation_id, area)
);
CREATE INDEX organisation_areas_area ON organisation_areas(municipality_id, area);

-- Full-text index over organisations.search_text; rowid = organisations.id. Kept in step by
-- the store in the same transaction (the folding is C++, so triggers cannot compute it).
CREATE VIRTUAL TABLE organisation_search USING fts5(search_text, tokenize='unicode61 remove_diacritics 0');

CREATE TABLE organisation_members (
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_members_user ON organisation_members(user_id);

CREATE TABLE organisation_invitations (
    id INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    accepted_by BIGINT REFERENCES users(id),
    revoked_at BIGINT
);
CREATE INDEX organisation_invitations_org ON organisation_invitations(organisation_id);

CREATE TABLE organisation_documents (
    id INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL CHECK (kind IN ('statute', 'board_decision', 'registry_certificate', 'other')),
    filename TEXT NOT NULL,
    mime TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users(id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX organisation_documents_org ON organisation_documents(organisation_id);
CREATE INDEX organisation_documents_hash ON organisation_documents(sha256);

CREATE TABLE organisation_notes (
    id INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX organisation_notes_org ON organisation_notes(organisation_id);

CREATE TABLE organisation_history (
    id INTEGER PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    actor_id BIGINT REFERENCES users(id),
    action TEXT NOT NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state TEXT NOT NULL DEFAULT '',
    reasons TEXT NOT NULL DEFAULT '[]',
    at BIGINT NOT NULL
);
CREATE INDEX organisation_history_org ON organisation_history(organisation_id, at);
