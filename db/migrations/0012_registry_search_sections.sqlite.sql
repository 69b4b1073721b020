-- SQLite: one FTS5 column per section.
DROP TABLE organisation_search;
CREATE VIRTUAL TABLE organisation_search USING fts5(words, stems, parts, sounds, tokenize='unicode61 remove_diacritics 0');
