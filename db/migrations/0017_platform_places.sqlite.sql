-- The municipality's areas (web/places.hpp): its δημοτικές ενότητες, κοινότητες and
-- neighbourhoods, kept by its administrator. Organisations, requests and later modules choose
-- from them, so one place has one spelling: `folded` (text::fold of the name) is unique.
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    folded TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('unit', 'community', 'neighbourhood')),
    parent_id BIGINT REFERENCES places(id),
    retired SMALLINT NOT NULL DEFAULT 0,   -- 1: no longer offered; what chose it keeps it
    created_at BIGINT NOT NULL,
    UNIQUE (municipality_id, folded)
);
