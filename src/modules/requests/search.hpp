#pragma once
// The search text of a request (ARCHITECTURE rule 9), folded the same way as the registry's:
// "<title> | <description start> | <address> || <transliteration>", so "λακκουβα" and "lakkouva"
// both find "Λακκούβα". Queries: text::search_terms / fts5_query / pg_tsquery.
#include <string>

#include "modules/requests/model.hpp"

namespace syn::requests {

// Stored in requests.search_text (PostgreSQL indexes its tsvector) and request_search (SQLite FTS5).
std::string request_search_text(const Request& r);

}  // namespace syn::requests
