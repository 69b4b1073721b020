-- SQLite: one FTS5 column per section. Contentless: the text is in the row's search_text already,
-- and searches read only the index, so a second copy would more than double the index's size.
-- (Changing an entry therefore deletes it with its old text: db::write_full_text.)
DROP TABLE organisation_search;
CREATE VIRTUAL TABLE organisation_search USING fts5(words, stems, parts, sounds, content='', tokenize='unicode61 remove_diacritics 0');
