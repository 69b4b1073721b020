-- How copies of the program on one SQLite file tell each other that a cache is stale
-- (platform/cache/changes.hpp): a counter per topic, counted up by the copy that changed
-- something and read by the others a few times a second. PostgreSQL copies use NOTIFY instead
-- and leave this table empty.
CREATE TABLE cache_changes (
    topic TEXT PRIMARY KEY,
    generation BIGINT NOT NULL
);
