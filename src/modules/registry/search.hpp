#pragma once
// Pure search keys for the directory (ARCHITECTURE rule 9). The stored text is the folded public
// text followed by its Latin transliteration, so "συλλογος γονεων" and "syllogos goneon" both
// find "Σύλλογος Γονέων"; queries are folded the same way and each word matches as a prefix.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "modules/registry/model.hpp"
#include "platform/text/search.hpp"

namespace syn::registry {

// "<folded official name> | <folded title> | <neighbourhood> | <description start> || <transliteration>"
// Only public fields take part: a search must not reveal what the profile hides. The folded
// official name comes first, up to " |", which the duplicate check relies on.
std::string search_text(const Organisation& o);
// Filter tokens appended to the stored search text, so the full-text index alone can answer
// "in this municipality, listed, verified, of this kind, in this area" together with the words
// (counting the matches of a broad prefix then never touches the table). They start with "zz"
// and have no separators, so the tokenizers keep each one whole.
std::string filter_tokens(const Organisation& o, bool listed);
struct FilterTerms {
    std::int64_t municipality_id = 0;
    bool verified_only = false;  // else: listed
    std::string kind, area;
};
// The exact (not prefix) terms that select what FilterTerms names.
std::vector<std::string> filter_terms(const FilterTerms& f);

// Queries: text::search_terms(), text::fts5_query(), text::pg_tsquery() (platform/text/search.hpp).

}  // namespace syn::registry
