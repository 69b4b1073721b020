-- A municipality's own holidays (web/holidays.hpp): its patron saint's day, a holiday moved by
-- decision. Deadlines counted in working days skip them like the national ones.
CREATE TABLE municipal_holidays (
    municipality_id BIGINT NOT NULL REFERENCES municipalities(id),
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    -- 1: every year on the same date (a patron saint's day); the year of `day` is the first.
    yearly INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, day)
);
