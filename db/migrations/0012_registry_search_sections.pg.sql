-- PostgreSQL: one vector of every section's tokens, whose markers ("zz2" stems, "zz3" parts,
-- "zz4" sounds) tell the sections apart. Not weights: a GIN index cannot filter by weight, so
-- every candidate row would be read again to check it.
DROP INDEX organisations_search;
ALTER TABLE organisations DROP COLUMN search_vector;
ALTER TABLE organisations ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', translate(search_text, E'\x1f', ' '))) STORED;
CREATE INDEX organisations_search ON organisations USING GIN (search_vector);
