-- Search keeps four sections of tokens (words, stems, parts of compounds, sounds; see
-- platform/text/search.hpp) so that it can find inflected Greek, compounds and Greeklish and rank
-- what it finds. The stems are Snowball's, computed by the program, so the texts cannot be rebuilt
-- in SQL: they are emptied here and the module's search-index job refills them in the background
-- after the program starts; each engine's twin rebuilds its index for the sections.
UPDATE requests SET search_text = '';
-- What the job still has to refill, found without reading the table.
CREATE INDEX requests_unindexed ON requests (id) WHERE search_text = '';
