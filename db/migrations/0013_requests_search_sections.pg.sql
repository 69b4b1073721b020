-- PostgreSQL: one vector of every section's tokens, whose markers ("zz2" stems, "zz3" parts,
-- "zz4" sounds) tell the sections apart. Not weights: a GIN index cannot filter by weight, so
-- every candidate row would be read again to check it.
DROP INDEX requests_search;
ALTER TABLE requests DROP COLUMN search_vector;
ALTER TABLE requests ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', translate(search_text, E'\x1f', ' '))) STORED;
CREATE INDEX requests_search ON requests USING GIN (search_vector);
