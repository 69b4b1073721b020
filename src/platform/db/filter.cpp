#include "platform/db/filter.hpp"

#include <algorithm>
#include <utility>

#include "platform/db/native.hpp"
#include "platform/text/search.hpp"

namespace syn::db {

namespace {
std::string with_placeholder(std::string_view sql, const std::string& placeholder) {
    std::string out(sql);
    const auto at = out.find("{}");
    if (at == std::string::npos) throw std::logic_error("filter condition without {}: " + out);
    out.replace(at, 2, placeholder);
    return out;
}
}  // namespace

Filter::Filter(soci::session& s) : backend_(backend_of(s)) {}

std::string Filter::bind(std::int64_t value) {
    ints_.push_back(value);
    bound_.push_back({false, ints_.size() - 1});
    return ":b" + std::to_string(bound_.size() - 1);
}

std::string Filter::bind(std::string value) {
    texts_.push_back(std::move(value));
    bound_.push_back({true, texts_.size() - 1});
    return ":b" + std::to_string(bound_.size() - 1);
}

Filter& Filter::where(std::string_view sql) {
    conditions_.emplace_back(sql);
    return *this;
}

Filter& Filter::where(std::string_view sql, std::int64_t value) { return where(with_placeholder(sql, bind(value))); }

Filter& Filter::where(std::string_view sql, std::string value) { return where(with_placeholder(sql, bind(std::move(value)))); }

namespace {

std::string literal(std::string_view s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

}  // namespace

bool Filter::search(std::string_view query, const FullText& index, const SearchOptions& o) {
    const auto words = text::query_words(query);
    if (words.empty()) return false;
    const bool pg = postgres();
    auto match = [&](int upto) {
        const text::MatchSpec spec{words, upto, o.exact, o.keys};
        return pg ? text::pg_match(spec) : text::fts5_match(spec);
    };
    auto matches = [&](const std::string& m) {
        return pg ? index.pg_vector + " @@ to_tsquery('simple', " + literal(m) + ")"
                  : index.id_column + " IN (SELECT rowid FROM " + index.fts_table + " WHERE " + index.fts_table + " MATCH " + literal(m) + ")";
    };
    match_ = match(text::kTiers);

    // The rank: each tier that adds something over the one before it gets its own number.
    std::string cases = o.or_id ? " WHEN " + index.id_column + " = " + std::to_string(*o.or_id) + " THEN 0" : "";
    tiers_.clear();
    for (int tier = 1; tier < text::kTiers; ++tier) {
        auto m = match(tier);
        if ((!tiers_.empty() && m == tiers_.back()) || m == match_) continue;
        cases += " WHEN " + matches(m) + " THEN " + std::to_string(tier);
        tiers_.push_back(std::move(m));
    }
    tiers_.push_back(match_);
    if (o.or_id) tiers_.clear();  // the number ranks first: no tier reads apart
    rank_ = cases.empty() ? std::string() : "CASE" + cases + " ELSE " + std::to_string(text::kTiers) + " END";

    fts_table_ = index.fts_table;
    pg_vector_ = index.pg_vector;
    id_column_ = index.id_column;
    index_answers_ = o.index_answers && !o.or_id && !pg;
    if (o.or_id && pg) {
        where("(" + index.id_column + " = " + std::to_string(*o.or_id) + " OR " + index.pg_vector + " @@ to_tsquery('simple', {}))", match_);
    } else if (o.or_id || (pg && o.drive == Drive::FromMatches)) {
        // Starts from one list of ids and looks each up (from()). On SQLite, the number and the
        // matches: as a condition, the list would be probed for every request of the
        // municipality. On PostgreSQL, the vector's matches alone, which its planner can only
        // find in the index (under PreferIndex).
        if (o.or_id) number_ = std::to_string(*o.or_id);
        source_match_ = bind(match_);
        from_matches_ = true;
        match_source_ = "hit";
    } else if (pg) {
        where(index.pg_vector + " @@ to_tsquery('simple', {})", match_);
    } else if (o.drive == Drive::FromMatches) {
        where(index.fts_table + " MATCH {}", match_);
        from_matches_ = true;
        match_source_ = index.fts_table;
    } else {
        where(index.id_column + " IN (SELECT rowid FROM " + index.fts_table + " WHERE " + index.fts_table + " MATCH {})", match_);
    }
    match_text_ = texts_.size() - 1;  // every branch bound match_ last
    return true;
}

bool Filter::narrow_to_tier(std::size_t i) {
    if (tiers_.size() < 2 || i >= tiers_.size()) return false;
    if (wide_match_.empty()) {
        wide_match_ = texts_[match_text_];
        wide_rank_ = std::exchange(rank_, std::string());
    }
    texts_[match_text_] = i == 0          ? tiers_[0]
                          : postgres() ? "(" + tiers_[i] + ") & !(" + tiers_[i - 1] + ")"
                                       : "(" + tiers_[i] + ") NOT (" + tiers_[i - 1] + ")";
    match_ = texts_[match_text_];
    return true;
}

void Filter::widen() {
    if (wide_match_.empty()) return;
    match_ = texts_[match_text_] = std::exchange(wide_match_, std::string());
    rank_ = std::exchange(wide_rank_, std::string());
}

void write_full_text(soci::session& s, const FullText& index, std::int64_t id, std::string_view old, std::string_view stored) {
    if (backend_of(s) == Backend::Postgres || old == stored) return;
    long long rowid = id;
    // The table name is ours (a FullText constant), never input.
    auto write = [&](std::string_view text, bool remove) {
        const auto sections = text::search_sections(text);
        std::string command = remove ? "delete" : "", words(sections[0]), stems(sections[1]), parts(sections[2]), sounds(sections[3]);
        if (remove)
            s << "INSERT INTO " + index.fts_table + " (" + index.fts_table + ", rowid, words, stems, parts, sounds) VALUES (:c, :id, :w, :s, :p, :n)",
                soci::use(command), soci::use(rowid), soci::use(words), soci::use(stems), soci::use(parts), soci::use(sounds);
        else
            s << "INSERT INTO " + index.fts_table + " (rowid, words, stems, parts, sounds) VALUES (:id, :w, :s, :p, :n)", soci::use(rowid),
                soci::use(words), soci::use(stems), soci::use(parts), soci::use(sounds);
    };
    if (!old.empty()) write(old, true);
    if (!stored.empty()) write(stored, false);
}

std::string Filter::where_clause() const {
    std::string out;
    for (const auto& c : conditions_) out += (out.empty() ? " WHERE " : " AND ") + c;
    return out;
}

std::string Filter::from(std::string_view table) const {
    if (!from_matches_) return " FROM " + std::string(table);
    // The table and column names are ours (FullText constants), never input.
    if (postgres())
        return " FROM (SELECT " + id_column_ + " AS rowid FROM " + std::string(table) + " WHERE " + pg_vector_ + " @@ to_tsquery('simple', " +
               source_match_ + ") OFFSET 0) hit JOIN " + std::string(table) + " ON " + id_column_ + " = hit.rowid";
    const std::string source = number_.empty() ? fts_table_
                                               : "(SELECT " + number_ + " AS rowid UNION SELECT rowid FROM " + fts_table_ + " WHERE " +
                                                     fts_table_ + " MATCH " + source_match_ + ") hit";
    return " FROM " + source + " CROSS JOIN " + std::string(table) + " ON " + id_column_ + " = " + match_source_ + ".rowid";
}

void Filter::bind_to(soci::statement& st) {
    for (std::size_t i = 0; i < bound_.size(); ++i) {
        std::string name(1, 'b');  // appended: "b" + … trips GCC 12's -Wrestrict false alarm
        name += std::to_string(i);
        if (bound_[i].text) st.exchange(soci::use(texts_[bound_[i].index], name));
        else st.exchange(soci::use(ints_[bound_[i].index], name));
    }
}

PreferIndex::PreferIndex(soci::session& s, bool searching) : s_(searching && backend_of(s) == Backend::Postgres ? &s : nullptr) {
    if (s_) *s_ << "SET enable_seqscan = off";
}

PreferIndex::~PreferIndex() {
    if (!s_) return;
    try {
        *s_ << "RESET enable_seqscan";
    } catch (...) {  // a broken connection is dropped from the pool anyway
    }
}

std::int64_t index_count(soci::session& s, const FullText& index, const std::string& match) {
    long long n = 0;
    std::string m = match;
    // The table name is ours (a FullText constant), never input.
    s << "SELECT COUNT(*) FROM (SELECT rowid FROM " + index.fts_table + " WHERE " + index.fts_table + " MATCH :m LIMIT " +
             std::to_string(text::kSearchCountCap + 1) + ")",
        soci::use(m), soci::into(n);
    return n;
}

std::int64_t Filter::count(soci::session& s, std::string_view table) {
    if (index_answers_) return index_count(s, FullText{fts_table_, "", id_column_}, match_);
    long long n = 0;
    soci::statement st(s);
    st.exchange(soci::into(n));
    if (match_.empty()) prepare(st, "SELECT COUNT(*)" + from(table) + where_clause());
    else prepare(st, "SELECT COUNT(*) FROM (SELECT 1 AS one" + from(table) + where_clause() + " LIMIT " + std::to_string(text::kSearchCountCap + 1) + ") capped");
    st.execute(true);
    return n;
}

void Filter::prepare(soci::statement& st, const std::string& sql) {
    bind_to(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
}

std::string Page::limit_offset() const {
    return " LIMIT " + std::to_string(per_page) + " OFFSET " + std::to_string(offset());
}

Page page_of(std::int64_t total, int page, int per_page) {
    Page p;
    p.total = std::max<std::int64_t>(0, total);
    p.per_page = std::max(1, per_page);
    p.pages = std::max<int>(1, static_cast<int>((p.total + p.per_page - 1) / p.per_page));
    p.page = std::clamp(page, 1, p.pages);
    return p;
}

}  // namespace syn::db
