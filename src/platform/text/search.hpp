#pragma once
// Full-text search shared by every module's lists (ARCHITECTURE rule 9), the same on SQLite and
// PostgreSQL because everything Greek about it happens here, in our code, and the engines only
// compare tokens.
//
// A document is stored as one text of four sections of tokens (letters and digits), and a query
// word finds a document through any of them; the best section it meets is its tier:
//   1 word   the folded word starts a folded or transliterated word ("συλλ", "syllogos")
//   2 stem   its Snowball stem is a word's stem ("λακκούβες" finds "λακκούβα")
//   3 part   without its ending (4+ letters) it starts the inside of a longer word
//            ("φωτισμός" finds "οδοφωτισμού")
//   4 sound  it sounds like a word, as Greeklish is typed ("sillogos" finds "Σύλλογος")
// Every word of a query must match; a document ranks by its worst word's tier.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace syn::text {

inline constexpr int kTiers = 4;
// A search counts its matches up to this many and says "more than" beyond (a count above it
// means exactly that): nobody reads past it, and counting every match of a common word costs
// PostgreSQL a visit to each row (0.3–0.8 s for 35,000 of 200,000 requests).
inline constexpr std::int64_t kSearchCountCap = 1000;
inline bool more_than_counted(std::int64_t total) { return total > kSearchCountCap; }
inline constexpr char kSectionBreak = '\x1f';  // between the sections of a stored search text

// The stored search text of a document. `folded` is the document's folded text (its fields
// joined by " | "); `tokens` are the caller's own tokens ("zz…": filters, private keys), kept in
// the words section after the transliteration. Sections: words ("<folded> || <transliterated>
// <tokens>"), stems, parts and sounds, each of distinct tokens marked "zz2", "zz3", "zz4" (a
// typed word never starts with "zz", so only the tier asks for them).
std::string search_document(std::string_view folded, std::string_view tokens = {});
// The four sections of a stored text (a text from before sections were kept is all words).
std::array<std::string_view, kTiers> search_sections(std::string_view stored);

// Private keys: tokens that only a search that asks for them finds (a requester's name in the
// staff queue), never a public one. `marker` is one lower-case letter naming the key.
std::string private_key_tokens(char marker, std::string_view text);

// A filter's value as one token of the words section ("zzk" + "civil_society" →
// "zzkcivilsociety": letters and digits only, which no tokenizer splits), so a search can narrow
// by the filter in the index itself instead of joining every match to its row.
std::string filter_token(std::string_view prefix, std::string_view code);

// One word of a query, in every form it is looked up in ("" where it has none).
struct QueryWord {
    std::string word;   // folded, matched as a prefix
    std::string stem;   // matched whole
    std::string part;   // matched as a prefix of the inside of a word
    std::string sound;  // matched as a prefix
    // Other ways a Latin word may sound, also matched as prefixes: a lone "h" typed for η
    // ("kalh") as well as for χ ("hronia"), an "x" typed for χ ("xronia") as well as for ξ.
    std::vector<std::string> sounds_also;
};
// The words of a query: at most 8, each 1–40 bytes of letters and digits; FTS operators and
// punctuation are separators, and a word starting "zz" (the prefix of our own tokens) is dropped.
std::vector<QueryWord> query_words(std::string_view query);

struct MatchSpec {
    const std::vector<QueryWord>& words;
    int upto = kTiers;                     // the worst tier that counts
    const std::vector<std::string>& exact;  // tokens that must be in the words section, whole
    std::string_view keys = {};             // private key markers this search may use ("r")
};
// SQLite FTS5 MATCH expression over the columns words, stems, parts, sounds.
std::string fts5_match(const MatchSpec& m);
// PostgreSQL to_tsquery('simple', …) expression over one vector of every section's tokens.
std::string pg_match(const MatchSpec& m);

// Cuts folded text at a word boundary at most max bytes in, so no UTF-8 sequence is split.
std::string cut_words(const std::string& s, std::size_t max);

}  // namespace syn::text
