-- SQLite: one FTS5 column per section.
DROP TABLE request_search;
CREATE VIRTUAL TABLE request_search USING fts5(words, stems, parts, sounds, tokenize='unicode61 remove_diacritics 0');
