#pragma once
// Full-text query building shared by every module's search (ARCHITECTURE rule 9). Stored text is
// folded with text::fold() (and, where Latin typing should find Greek, followed by its
// text::transliterate()); queries are folded the same way here and each word matches as a prefix.
#include <string>
#include <string_view>
#include <vector>

namespace syn::text {

// The words of a query, folded; at most 8, each 1–40 bytes of letters and digits.
std::vector<std::string> search_terms(std::string_view query);
// SQLite FTS5 MATCH expression: the exact terms quoted, then every word as a quoted prefix
// ("συλλογοσ"* "γονε"*).
std::string fts5_query(const std::vector<std::string>& terms, const std::vector<std::string>& exact = {});
// PostgreSQL to_tsquery('simple', …) expression: zzm1 & συλλογοσ:* & γονε:*.
std::string pg_tsquery(const std::vector<std::string>& terms, const std::vector<std::string>& exact = {});
// Cuts folded text at a word boundary at most max bytes in, so no UTF-8 sequence is split.
std::string cut_words(const std::string& s, std::size_t max);

}  // namespace syn::text
