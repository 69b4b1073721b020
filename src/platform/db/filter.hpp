#pragma once
// A list query's WHERE clause built from optional filters, every value bound by name, with the
// folded full-text condition of each engine (FTS5 on SQLite, a tsvector on PostgreSQL), the
// count, and the page. Stores keep their tuned plans: they choose the FROM clause, the order
// and whether a search starts from its matches; the builder keeps the binds and the clauses.
#include <soci/soci.h>

#include <cstdint>
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

// How an SQLite search reaches the rows: as a condition on the table's own plan, or by starting
// from the matches and joining the table to them (a few thousand lookups instead of a walk of
// the whole index probing a list of matches). PostgreSQL always uses the condition.
enum class Drive { Condition, FromMatches };

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
    // page. When the best tier alone (every word whole) fills a page, that page is all theirs, in
    // the list's own order. narrow_to_best() turns the search into that tier, rank dropped (false
    // when there is no such tier); the caller reads its page off the list's usual plan, and when
    // the page is not full, widen() turns the search back and the caller reads it ranked. Count
    // the whole list before narrowing.
    bool narrow_to_best();
    void widen();
    bool from_matches() const { return from_matches_; }

    // "WHERE a AND b", or "" when nothing was added.
    std::string where_clause() const;
    // The FROM clause: `table` (e.g. "requests r"), or the matches joined to it when the search
    // starts from them.
    std::string from(std::string_view table) const;

    // Exchanges every bound value into st. The Filter must outlive the statement's execution.
    void bind_to(soci::statement& st);
    // SELECT COUNT(*) FROM <from(table)> <where_clause()>.
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
    std::string best_;                 // the first tier's expression, when it differs from match_
    std::string wide_rank_;            // the rank while narrowed
    std::size_t match_text_ = 0;       // where match_ is bound in texts_
    std::string fts_table_, id_column_;  // of a search that starts from its matches
    bool from_matches_ = false;
};

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
