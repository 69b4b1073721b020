-- The search text of a request now also carries its list filters as tokens (the municipality,
-- publicly listed, open or finished, the state, the department and the type), so a search is
-- counted and paged on the index alone instead of joining every match to its row. The texts are
-- Snowball's and the program's: they are emptied here and the module's search-index job refills
-- them in the background after the program starts.
UPDATE requests SET search_text = '';
