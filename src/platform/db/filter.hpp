#pragma once
// A list query's WHERE clause built from optional filters, every value bound by name, with the
// folded full-text condition of each engine (FTS5 on SQLite, a tsvector on PostgreSQL), the
// count, and the page. Stores keep their tuned plans: they choose the FROM clause, the order
// and whether a search starts from its matches; the builder keeps the binds and the clauses.
#include <soci/soci.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/db/database.hpp"

namespace syn::db {

// Where a table's folded text is indexed.
struct FullText {
    std::string fts_table;  // SQLite: the FTS5 table whose rowid is the row's id ("request_search")
    std::string pg_vector;  // PostgreSQL: the tsvector column ("r.search_vector")
    std::string id_column;  // the row's id in the query ("r.id")
};

// Writes a row's stored search text (text::search_document) into its SQLite FTS5 table, one
// column per section. The tables are contentless (they keep no copy of the text), so an entry is
// replaced by deleting it with exactly the text it was written with: `old` is the row's stored
// text before the change ("" when it had no entry). PostgreSQL computes the vector from the
// stored column itself: nothing to do there.
void write_full_text(soci::session& s, const FullText& index, std::int64_t id, std::string_view old, std::string_view stored);

// How a search reaches the rows: as a condition on the table's own plan, or by starting from the
// matches and joining the table to them (a few thousand lookups instead of a walk of the whole
// index probing a list of matches). Few matches are best read from the matches; when they are
// most of the list, the condition finds a page in the list's own order sooner.
enum class Drive { Condition, FromMatches };

// PostgreSQL, while it lives: the session's statements read a search's matches through its
// full-text index. The planner takes a common word for most of the table and would otherwise
// read every row's vector: some 5 µs a row, seconds on 200,000 requests, where the index takes
// milliseconds. Nothing on SQLite.
class PreferIndex {
public:
    // searching: whether the statements search at all (else this does nothing).
    explicit PreferIndex(soci::session& s, bool searching = true);
    ~PreferIndex();
    PreferIndex(const PreferIndex&) = delete;
    PreferIndex& operator=(const PreferIndex&) = delete;

private:
    soci::session* s_;
};

// SELECT COUNT(*) of an SQLite FTS5 table's matches of an expression (text::fts5_match), up to
// text::kSearchCountCap + 1.
std::int64_t index_count(soci::session& s, const FullText& index, const std::string& match);

class Filter {
public:
    explicit Filter(Backend backend) : backend_(backend) {}
    explicit Filter(soci::session& s);

    bool postgres() const { return backend_ == Backend::Postgres; }

    // Binds a value and returns its placeholder (":b0", ":b1", …), for SQL the caller writes.
    std::string bind(std::int64_t value);
    std::string bind(std::string value);
    // " AND <sql>": "{}" in sql stands for the bound value's placeholder.
    Filter& where(std::string_view sql);
    Filter& where(std::string_view sql, std::int64_t value);
    Filter& where(std::string_view sql, std::string value);
    // The full-text condition for what a person typed (platform/text/search.hpp): every word
    // found as a word, a stem, a part of a compound or a sound. Words are letters and digits
    // only, so FTS operators typed into a search box ("NEAR(", "OR", '"', '*', ':') are plain
    // words or nothing. Returns false, adding nothing, when the search has no words.
    struct SearchOptions {
        Drive drive = Drive::Condition;
        std::vector<std::string> exact = {};      // tokens that must match whole (filters riding in the index)
        std::string keys = {};                     // private key markers this searcher may use
        std::optional<std::int64_t> or_id = {};   // a row also found by its number (ranks first)
        // The exact tokens express every condition of the filter, so the index alone counts the
        // matches (SQLite; a number search still joins its rows).
        bool index_answers = false;
    };
    bool search(std::string_view query, const FullText& index, const SearchOptions& options);
    bool search(std::string_view query, const FullText& index) { return search(query, index, SearchOptions{}); }
    // The index expression search() bound last ("" when none): an FTS5 MATCH or a tsquery.
    const std::string& match() const { return match_; }
    // An SQL expression ranking the last search's matches, lower first: the row found by its
    // number, then every word whole, then by stem, by part, by sound. "" when there was no
    // search or all its matches rank alike. Its literals are our own tokens (letters and digits), never bound values.
    const std::string& rank() const { return rank_; }
    // "<rank>, " to put before a list's own order, or "" when there is no search.
    std::string rank_then() const { return rank_.empty() ? std::string() : rank_ + ", "; }
    // Ranking every match of a short prefix ("καλ" matches nearly every row) costs more than the
    // page, so a page can be read one tier at a time instead, each in the list's own order: tier
    // i's rows are those its match finds and no earlier tier's does. narrow_to_tier(i) turns the
    // search into tier i alone, rank dropped (false when the search has no separate tiers, or no
    // tier i); widen() turns it back. When the best tier alone fills a page (narrow_to_best()),
    // that page is all theirs. Count the whole list before narrowing.
    std::size_t tiers() const { return tiers_.size(); }
    bool narrow_to_tier(std::size_t i);
    bool narrow_to_best() { return narrow_to_tier(0); }
    void widen();
    // The search's filter is all in its exact tokens (SearchOptions::index_answers, SQLite):
    // count() reads the index alone.
    bool index_answers() const { return index_answers_; }
    // count() reads no more than the matches: the index alone (above), or on PostgreSQL the
    // matches the index lists, each looked up once (a search that starts from them).
    bool counts_matches_only() const { return index_answers_ || (postgres() && from_matches_); }
    bool from_matches() const { return from_matches_; }
    // When the search starts from its matches, their ids in the index's own order
    // ("request_search.rowid"): ordering by it lets the index hand the matches over newest first
    // and stop at the page's end, where any other order sorts every match. "" otherwise.
    std::string match_id() const { return from_matches_ ? match_source_ + ".rowid" : std::string(); }

    // "WHERE a AND b", or "" when nothing was added.
    std::string where_clause() const;
    // The FROM clause: `table` (e.g. "requests r"), or the matches joined to it when the search
    // starts from them.
    std::string from(std::string_view table) const;

    // Exchanges every bound value into st. The Filter must outlive the statement's execution.
    void bind_to(soci::statement& st);
    // SELECT COUNT(*) FROM <from(table)> <where_clause()>, or of the index alone when the search's
    // tokens answer the whole filter. A search counts up to text::kSearchCountCap + 1.
    std::int64_t count(soci::session& s, std::string_view table);
    // Prepares sql on st with the bound values (the caller exchanged its into()s first), ready
    // to execute.
    void prepare(soci::statement& st, const std::string& sql);

private:
    Backend backend_;
    std::vector<std::string> conditions_;
    // Values in bind order (":b<n>" is the n-th); soci binds them by reference, so neither
    // vector may grow once bind_to() ran.
    struct Bound {
        bool text;
        std::size_t index;
    };
    std::vector<Bound> bound_;
    std::vector<long long> ints_;
    std::vector<std::string> texts_;
    std::string match_, rank_;
    std::vector<std::string> tiers_;   // each distinct tier's whole match, best first (the last is match_)
    std::string wide_match_, wide_rank_;  // the whole search's match and rank while narrowed to a tier
    std::size_t match_text_ = 0;       // where match_ is bound in texts_
    std::string fts_table_, id_column_;  // of a search that starts from its matches
    std::string match_source_;           // what from() reads the matches from: the FTS table, or "hit"
    std::string pg_vector_;
    std::string number_;                 // SQLite: the number also searched for, as the matches' first row
    std::string source_match_;           // the match's placeholder in from()'s list of matches
    bool from_matches_ = false;
    bool index_answers_ = false;
};

// A ranked page read one tier at a time (Filter::narrow_to_tier), each tier in the list's own
// order by read(limit, offset), which reads an unranked page of the filter as it stands: a few
// index reads, where ranking every match would check each one against every tier. The first page
// needs no counts of tiers (the best tier's rows are all on it once they do not fill it); a page
// that starts past the best tier counts the tiers before it when that reads no more than the
// matches (Filter::counts_matches_only), else this returns nullopt and the caller ranks the whole
// search. Also nullopt when the search has no separate tiers. `total` is the whole search's
// count, when the caller has it (else it is counted when that is cheap): the reading ends once
// every match is on the page. The filter is widened again before it returns.
template <class Read>
auto read_by_tiers(soci::session& s, Filter& f, std::string_view table, std::int64_t limit, std::int64_t offset,
                   std::optional<std::int64_t> total, Read read) -> std::optional<decltype(read(limit, offset))> {
    if (!f.narrow_to_best()) return std::nullopt;
    auto out = read(limit, offset);
    const auto size = [&] { return static_cast<std::int64_t>(out.size()); };
    if (size() == limit) {
        f.widen();
        return out;
    }
    // The best tier holds the page's first rows, or ends before it: then the later tiers start
    // `skip` rows in, which takes the best tier's count.
    std::int64_t skip = 0;
    if (size() == 0 && offset > 0) {
        if (!f.counts_matches_only()) {
            f.widen();
            return std::nullopt;
        }
        skip = offset - f.count(s, table);
    }
    // Every match is found once the page holds as many as the search has: the tiers after need
    // no reading (a search of rare words often has all its matches in the best tier, or none).
    if (!total && f.counts_matches_only()) {
        f.widen();
        total = f.count(s, table);
    }
    for (std::size_t tier = 1; tier < f.tiers() && size() < limit && !(total && offset + size() >= *total); ++tier) {
        f.narrow_to_tier(tier);
        if (skip > 0) {
            const std::int64_t n = f.count(s, table);
            if (skip >= n) {
                skip -= n;
                continue;
            }
        }
        auto part = read(limit - size(), skip);
        out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
        skip = 0;
    }
    f.widen();
    return out;
}

// A page of a counted list: the page asked for, clamped to the pages there are.
struct Page {
    std::int64_t total = 0;
    int page = 1;
    int pages = 1;
    int per_page = 50;
    std::int64_t offset() const { return static_cast<std::int64_t>(page - 1) * per_page; }
    // " LIMIT n OFFSET m" (integers we computed, never input).
    std::string limit_offset() const;
};
Page page_of(std::int64_t total, int page, int per_page);

}  // namespace syn::db
