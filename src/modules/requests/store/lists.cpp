// SQL for lists of requests: the staff queue (a page and its count off the same index), the
// public list, a person's own requests and the statistics facts.
#include <algorithm>
#include <unordered_map>

#include "modules/requests/rules.hpp"
#include "modules/requests/store.hpp"
#include "modules/requests/store/shared.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/text/search.hpp"

namespace syn::requests::store {

using namespace detail;

namespace {

constexpr const char* kOpenStates = "('submitted', 'acknowledged', 'assigned', 'in_progress')";
constexpr const char* kFinishedStates = "('resolved', 'rejected', 'closed')";

// A WHERE clause built from filters, with its values bound by name (:i0…, :f0…).
struct Filters {
    std::string where;
    // SQLite full-text search: read the matches first and join the requests to them (a few
    // thousand lookups), rather than walking the municipality's index probing a list of matches.
    bool from_matches = false;
    // Several states (open, overdue): no index gives the order, so read the states' index
    // ranges and sort them, rather than walk every request newest first hoping to meet them.
    bool several_states = false;
    std::vector<long long> ints;
    std::vector<std::string> texts;

    std::string add(long long v) {
        ints.push_back(v);
        return ":i" + std::to_string(ints.size() - 1);
    }
    std::string add(std::string v) {
        texts.push_back(std::move(v));
        return ":f" + std::to_string(texts.size() - 1);
    }
    // Binds into st; the Filters must outlive the statement's execution.
    void bind(soci::statement& st) {
        for (std::size_t i = 0; i < ints.size(); ++i) st.exchange(soci::use(ints[i], "i" + std::to_string(i)));
        for (std::size_t i = 0; i < texts.size(); ++i) st.exchange(soci::use(texts[i], "f" + std::to_string(i)));
    }
};

void add_search(soci::session& s, Filters& f, const std::string& q) {
    const auto terms = text::search_terms(q);
    if (terms.empty()) return;
    if (is_postgres(s)) {
        f.where += " AND r.search_vector @@ to_tsquery('simple', " + f.add(text::pg_tsquery(terms)) + ")";
        return;
    }
    f.where += " AND request_search MATCH " + f.add(text::fts5_query(terms));
    f.from_matches = true;
}

// The FROM clause for a filter: the requests (joined for display), or the matches first.
std::string from_clause(const Filters& f, bool display) {
    std::string from = f.from_matches ? " FROM request_search CROSS JOIN requests r ON r.id = request_search.rowid" : " FROM requests r";
    if (display)
        from += " LEFT JOIN request_types t ON t.id = r.type_id LEFT JOIN users u ON u.id = r.assignee_user_id "
                "LEFT JOIN organisations o ON o.id = r.organisation_id";
    return from;
}

Filters queue_filters(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today) {
    Filters f;
    f.where = " WHERE r.municipality_id = " + f.add(municipality_id);
    if (q.department_id) f.where += " AND r.department_id = " + f.add(*q.department_id);
    if (q.state) f.where += " AND r.state = " + f.add(std::string(state_code(*q.state)));
    if (q.type_id) f.where += " AND r.type_id = " + f.add(*q.type_id);
    if (q.assignee_user_id) f.where += " AND r.assignee_user_id = " + f.add(*q.assignee_user_id);
    if (q.open_only || q.overdue_only) {
        f.where += std::string(" AND r.state IN ") + kOpenStates;
        f.several_states = true;
    }
    // On SQLite "+" keeps the planner off requests_due: nearly every old request is past its due
    // day, so the open states (requests_state) narrow far better.
    if (q.overdue_only) f.where += std::string(is_postgres(s) ? " AND r.due_day < " : " AND +r.due_day < ") + f.add(day_text(today));
    add_search(s, f, q.q);
    return f;
}

std::vector<Request> fetch(soci::session& s, Filters& f, const std::string& tail) {
    RequestBinding row;
    soci::statement st(s);
    row.exchange(st);
    f.bind(st);
    st.alloc();
    st.prepare(std::string("SELECT ") + kRequestColumns + from_clause(f, true) + f.where + tail);
    st.define_and_bind();
    st.execute();
    std::vector<Request> out;
    while (st.fetch()) out.push_back(row.current());
    return out;
}

std::int64_t count(soci::session& s, Filters& f) {
    long long n = 0;
    soci::statement st(s);
    st.exchange(soci::into(n));
    f.bind(st);
    st.alloc();
    st.prepare("SELECT COUNT(*)" + from_clause(f, false) + f.where);
    st.define_and_bind();
    st.execute(true);
    return n;
}

// Newest first; the id breaks ties so pages never overlap.
constexpr const char* kNewestFirst = " ORDER BY r.submitted_at DESC, r.id DESC";

std::string limit_offset(std::int64_t limit, std::int64_t offset) {
    return " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);  // integers we computed
}

// One page, newest first, in two steps: the page's ids off the indexes alone (an OFFSET then
// skips index entries, not rows), then those few rows in full.
std::vector<Request> fetch_page(soci::session& s, Filters& f, std::int64_t limit, std::int64_t offset) {
    // "+" hides submitted_at from SQLite's planner for ordering (see several_states).
    const char* order = f.several_states && !is_postgres(s) ? " ORDER BY +r.submitted_at DESC, r.id DESC" : kNewestFirst;
    Filters page = f;
    page.where = " WHERE r.id IN (SELECT r.id" + from_clause(f, false) + f.where + order + limit_offset(limit, offset) + ")";
    page.from_matches = false;
    return fetch(s, page, kNewestFirst);
}

Filters public_filters(soci::session& s, std::int64_t municipality_id, const PublicQuery& q) {
    Filters f;
    f.where = " WHERE r.municipality_id = " + f.add(municipality_id) + " AND r.is_public = 1 AND r.merged_into_id IS NULL";
    if (!q.ids.empty()) {
        std::string list;
        for (auto id : q.ids) list += (list.empty() ? "" : ", ") + std::to_string(id);  // integers: safe to inline
        f.where += " AND r.id IN (" + list + ")";
    }
    if (!q.type_code.empty())
        f.where += " AND r.type_id IN (SELECT id FROM request_types WHERE municipality_id = r.municipality_id AND code = " +
                   f.add(q.type_code) + ")";
    if (q.start) f.where += " AND r.submitted_at >= " + f.add(static_cast<long long>(*q.start));
    if (q.end) f.where += " AND r.submitted_at <= " + f.add(static_cast<long long>(*q.end));
    if (q.open) {
        f.where += std::string(" AND r.state IN ") + (*q.open ? kOpenStates : kFinishedStates);
        f.several_states = true;
    }
    add_search(s, f, q.q);
    return f;
}

}  // namespace

QueuePage queue(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today, std::optional<std::int64_t> total) {
    QueuePage out;
    Filters f = queue_filters(s, municipality_id, q, today);
    out.per_page = std::clamp(q.per_page, 1, 200);
    out.total = total ? *total : count(s, f);
    const int pages = std::max<int>(1, static_cast<int>((out.total + out.per_page - 1) / out.per_page));
    out.page = std::clamp(q.page, 1, pages);
    out.items = fetch_page(s, f, out.per_page, static_cast<std::int64_t>(out.page - 1) * out.per_page);
    return out;
}

std::int64_t queue_count(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today) {
    Filters f = queue_filters(s, municipality_id, q, today);
    return count(s, f);
}

std::vector<Request> queue_all(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today, std::size_t limit) {
    Filters f = queue_filters(s, municipality_id, q, today);
    return fetch(s, f, kNewestFirst + limit_offset(static_cast<std::int64_t>(limit), 0));
}

std::vector<Request> public_list(soci::session& s, std::int64_t municipality_id, const PublicQuery& q) {
    Filters f = public_filters(s, municipality_id, q);
    const int limit = std::clamp(q.limit, 1, 1000);
    const std::int64_t offset = static_cast<std::int64_t>(std::max(q.page, 1) - 1) * limit;
    return fetch_page(s, f, limit, offset);
}

std::int64_t public_count(soci::session& s, std::int64_t municipality_id, const PublicQuery& q) {
    Filters f = public_filters(s, municipality_id, q);
    return count(s, f);
}

std::vector<Request> of_requester(soci::session& s, std::int64_t municipality_id, std::int64_t user_id,
                                  const std::vector<std::int64_t>& organisation_ids, std::size_t limit) {
    Filters f;
    f.where = " WHERE r.municipality_id = " + f.add(municipality_id) + " AND (r.requester_user_id = " + f.add(user_id);
    if (!organisation_ids.empty()) {
        std::string list;
        for (auto id : organisation_ids) list += (list.empty() ? "" : ", ") + std::to_string(id);  // integers: safe to inline
        f.where += " OR r.organisation_id IN (" + list + ")";
    }
    f.where += ")";
    return fetch(s, f, kNewestFirst + limit_offset(static_cast<std::int64_t>(limit), 0));
}

std::vector<StatsRow> stats_facts(soci::session& s, std::int64_t municipality_id) {
    std::vector<StatsRow> out;
    long long mid = municipality_id;
    // Fetched in batches: row-at-a-time fetching costs more than the query itself at 200,000 rows.
    constexpr std::size_t kBatch = 2000;
    std::vector<long long> dept(kBatch), type(kBatch), submitted(kBatch), fr(kBatch), resolved(kBatch);
    std::vector<int> rating(kBatch);
    std::vector<std::string> due(kBatch);
    std::vector<soci::indicator> fr_i(kBatch), resolved_i(kBatch), rating_i(kBatch);
    soci::statement st = (s.prepare << "SELECT department_id, type_id, submitted_at, first_response_at, resolved_at, due_day, rating "
                                       "FROM requests WHERE municipality_id = :mid AND merged_into_id IS NULL",
                          soci::use(mid), soci::into(dept), soci::into(type), soci::into(submitted), soci::into(fr, fr_i),
                          soci::into(resolved, resolved_i), soci::into(due), soci::into(rating, rating_i));
    // A day in Athens begins on a whole UTC hour (the offset is +2 or +3 hours), so the day of a
    // resolution depends only on its hour: remembering each hour's answer saves most ICU calls.
    std::unordered_map<long long, Day> day_of_hour;
    st.execute();
    while (st.fetch()) {
        for (std::size_t i = 0; i < dept.size(); ++i) {
            StatsRow row;
            row.department_id = dept[i];
            row.type_id = type[i];
            auto& f = row.facts;
            f.submitted_at = submitted[i];
            if (fr_i[i] == soci::i_ok) f.first_response_at = fr[i];
            if (resolved_i[i] == soci::i_ok) {
                f.resolved_at = resolved[i];
                const long long hour = resolved[i] / 3600;
                auto [it, fresh] = day_of_hour.try_emplace(hour);
                if (fresh) it->second = i18n::athens_day(hour * 3600);
                f.resolved_day = it->second;
            }
            f.due = parse_day(due[i]);
            if (rating_i[i] == soci::i_ok) f.rating = rating[i];
            out.push_back(std::move(row));
        }
    }
    return out;
}

}  // namespace syn::requests::store
