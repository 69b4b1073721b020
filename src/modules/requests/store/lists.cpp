// SQL for the lists of requests others see: the public list (also Open311's GET requests) and a
// person's own requests; and the plumbing every list shares (store/shared.hpp).
#include <algorithm>

#include "modules/requests/rules.hpp"
#include "modules/requests/store.hpp"
#include "modules/requests/store/shared.hpp"
#include "platform/db/native.hpp"
#include "platform/text/search.hpp"

namespace syn::requests::store {

namespace detail {

const db::FullText kRequestSearch{"request_search", "r.search_vector", "r.id"};

namespace {
constexpr const char* kDisplayJoins =
    " LEFT JOIN request_types t ON t.id = r.type_id LEFT JOIN users u ON u.id = r.assignee_user_id "
    "LEFT JOIN organisations o ON o.id = r.organisation_id";
}  // namespace

db::Drive drive_for(soci::session& s, std::int64_t matches, bool ranked) {
    // Beyond what a search counts (0.5% of 200,000), a page of 50 is at most some 10,000 rows into
    // the list, each checked against its vector (~5 µs), and the matches may be tens of
    // thousands to join and sort.
    const bool walk = db::backend_of(s) == db::Backend::Postgres && !ranked && text::more_than_counted(matches);
    return walk ? db::Drive::Condition : db::Drive::FromMatches;
}

std::vector<Request> fetch(soci::session& s, db::Filter& f, const std::string& tail) {
    RequestBinding row;
    soci::statement st(s);
    row.exchange(st);
    f.prepare(st, std::string("SELECT ") + kRequestColumns + f.from("requests r") + kDisplayJoins + f.where_clause() + tail);
    st.execute();
    std::vector<Request> out;
    while (st.fetch()) out.push_back(row.current());
    return out;
}

std::vector<Request> fetch_page(soci::session& s, db::Filter& f, bool several_states, std::int64_t limit, std::int64_t offset,
                                bool ranked, std::optional<std::int64_t> total) {
    // The best matches first, tier by tier, each newest first (db::read_by_tiers).
    if (ranked) {
        auto by_tiers = db::read_by_tiers(s, f, "requests r", limit, offset, total, [&](std::int64_t n, std::int64_t skip) {
            return fetch_page(s, f, several_states, n, skip, false);
        });
        if (by_tiers) return std::move(*by_tiers);
    }
    // A search that starts from its matches takes them newest first in the index's order, the
    // request numbers, which are given out in the order requests arrive. Otherwise "+" hides
    // submitted_at from SQLite's planner for ordering (see several_states).
    const std::string newest = f.from_matches()                    ? f.match_id() + " DESC"
                               : several_states && !f.postgres() ? "+r.submitted_at DESC, r.id DESC"
                                                                 : "r.submitted_at DESC, r.id DESC";
    // A search ranks its best matches first; the rank is computed once, with the page's ids.
    ranked = ranked && !f.rank().empty();
    const std::string rank = ranked ? f.rank() : std::string("0");
    const std::string by_rank = ranked ? "page_rank, " : "";  // the same column inside the page and out
    RequestBinding row;
    soci::statement st(s);
    row.exchange(st);
    // Integers we computed: safe to write into the SQL.
    f.prepare(st, std::string("SELECT ") + kRequestColumns + " FROM (SELECT r.id AS page_id, " + rank + " AS page_rank" +
                      f.from("requests r") + f.where_clause() + " ORDER BY " + by_rank + newest +
                      " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset) + ") page JOIN requests r ON r.id = page.page_id" +
                      kDisplayJoins + " ORDER BY " + by_rank + "r.submitted_at DESC, r.id DESC");
    st.execute();
    std::vector<Request> out;
    while (st.fetch()) out.push_back(row.current());
    return out;
}

}  // namespace detail

using namespace detail;

namespace {

// Integers only, so the list is safe to write into the SQL.
std::string id_list(const std::vector<std::int64_t>& ids) {
    std::string list;
    for (auto id : ids) list += (list.empty() ? "" : ", ") + std::to_string(id);
    return list;
}

struct PublicFilter {
    db::Filter filter;
    bool several_states = false;
};

PublicFilter public_filter(soci::session& s, std::int64_t municipality_id, const PublicQuery& q,
                           db::Drive drive = db::Drive::FromMatches) {
    PublicFilter out{db::Filter(s)};
    db::Filter& f = out.filter;
    f.where("r.municipality_id = {}", municipality_id).where("r.is_public = 1").where("r.merged_into_id IS NULL");
    if (!q.ids.empty()) f.where("r.id IN (" + id_list(q.ids) + ")");
    if (!q.type_code.empty())
        f.where("r.type_id IN (SELECT id FROM request_types WHERE municipality_id = r.municipality_id AND code = {})", q.type_code);
    if (q.start && *q.start > 0) f.where("r.submitted_at >= {}", *q.start);  // 0: the whole history
    if (q.end) f.where("r.submitted_at <= {}", *q.end);
    if (q.open) {
        f.where(std::string("r.state IN ") + (*q.open ? kOpenStates : kFinishedStates));
        out.several_states = true;
    }
    const auto exact = request_filter_terms({.municipality_id = municipality_id, .listed_only = true, .open = q.open});
    f.search(q.q, kRequestSearch,
             {.drive = drive,
              .exact = exact,
              .index_answers = q.ids.empty() && q.type_code.empty() && !(q.start && *q.start > 0) && !q.end});
    return out;
}

}  // namespace

std::vector<Request> public_list(soci::session& s, std::int64_t municipality_id, const PublicQuery& q) {
    db::PreferIndex prefer_index(s, !q.q.empty());
    // PostgreSQL counts a search's matches first, to choose how to read the page.
    auto drive = db::Drive::FromMatches;
    if (db::backend_of(s) == db::Backend::Postgres && !q.q.empty() && q.newest_first)
        drive = drive_for(s, public_filter(s, municipality_id, q).filter.count(s, "requests r"), false);
    auto [f, several_states] = public_filter(s, municipality_id, q, drive);
    const int limit = std::clamp(q.limit, 1, 1000);
    const std::int64_t offset = static_cast<std::int64_t>(std::max(q.page, 1) - 1) * limit;
    return fetch_page(s, f, several_states, limit, offset, !q.newest_first);
}

std::int64_t public_count(soci::session& s, std::int64_t municipality_id, const PublicQuery& q) {
    db::PreferIndex prefer_index(s, !q.q.empty());
    return public_filter(s, municipality_id, q).filter.count(s, "requests r");
}

std::vector<Request> of_requester(soci::session& s, std::int64_t municipality_id, std::int64_t user_id,
                                  const std::vector<std::int64_t>& organisation_ids, std::size_t limit) {
    db::Filter f(s);
    f.where("r.municipality_id = {}", municipality_id);
    const std::string mine = "r.requester_user_id = " + f.bind(user_id);
    f.where(organisation_ids.empty() ? mine : "(" + mine + " OR r.organisation_id IN (" + id_list(organisation_ids) + "))");
    return fetch(s, f, std::string(kNewestFirst) + " LIMIT " + std::to_string(limit));
}

}  // namespace syn::requests::store
