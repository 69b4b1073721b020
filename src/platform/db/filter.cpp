#include "platform/db/filter.hpp"

#include <algorithm>

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

bool Filter::search(std::string_view query, const FullText& index, Drive drive, const std::vector<std::string>& exact) {
    const auto terms = text::search_terms(query);
    if (terms.empty()) return false;
    if (postgres()) {
        match_ = text::pg_tsquery(terms, exact);
        where(index.pg_vector + " @@ to_tsquery('simple', {})", match_);
        return true;
    }
    match_ = text::fts5_query(terms, exact);
    if (drive == Drive::FromMatches) {
        where(index.fts_table + " MATCH {}", match_);
        from_matches_ = true;
        fts_table_ = index.fts_table;
        id_column_ = index.id_column;
    } else {
        where(index.id_column + " IN (SELECT rowid FROM " + index.fts_table + " WHERE " + index.fts_table + " MATCH {})", match_);
    }
    return true;
}

std::string Filter::where_clause() const {
    std::string out;
    for (const auto& c : conditions_) out += (out.empty() ? " WHERE " : " AND ") + c;
    return out;
}

std::string Filter::from(std::string_view table) const {
    if (!from_matches_) return " FROM " + std::string(table);
    return " FROM " + fts_table_ + " CROSS JOIN " + std::string(table) + " ON " + id_column_ + " = " + fts_table_ + ".rowid";
}

void Filter::bind_to(soci::statement& st) {
    for (std::size_t i = 0; i < bound_.size(); ++i) {
        const std::string name = "b" + std::to_string(i);
        if (bound_[i].text) st.exchange(soci::use(texts_[bound_[i].index], name));
        else st.exchange(soci::use(ints_[bound_[i].index], name));
    }
}

std::int64_t Filter::count(soci::session& s, std::string_view table) {
    long long n = 0;
    soci::statement st(s);
    st.exchange(soci::into(n));
    prepare(st, "SELECT COUNT(*)" + from(table) + where_clause());
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
