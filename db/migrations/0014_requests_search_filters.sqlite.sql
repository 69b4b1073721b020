-- SQLite: the contentless index is dropped with every entry written from the old texts (an entry
-- can only be deleted with the text it was written with); the job writes them again.
DROP TABLE request_search;
CREATE VIRTUAL TABLE request_search USING fts5(words, stems, parts, sounds, content='', tokenize='unicode61 remove_diacritics 0');
