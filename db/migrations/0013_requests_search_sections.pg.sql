-- PostgreSQL: one vector whose sections (separated by U+001F in search_text) weigh A, B, C, D,
-- so a query can ask in which section a word must be.
DROP INDEX requests_search;
ALTER TABLE requests DROP COLUMN search_vector;
ALTER TABLE requests ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', split_part(search_text, E'\x1f', 1)), 'A') ||
    setweight(to_tsvector('simple', split_part(search_text, E'\x1f', 2)), 'B') ||
    setweight(to_tsvector('simple', split_part(search_text, E'\x1f', 3)), 'C') ||
    setweight(to_tsvector('simple', split_part(search_text, E'\x1f', 4)), 'D')) STORED;
CREATE INDEX requests_search ON requests USING GIN (search_vector);
