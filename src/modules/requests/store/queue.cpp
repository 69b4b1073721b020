// SQL for the staff queue: a page and its count off the same index, and the whole filter for the
// CSV export.
#include <algorithm>

#include "modules/requests/rules.hpp"
#include "modules/requests/store.hpp"
#include "modules/requests/store/shared.hpp"
#include "platform/i18n/calendar.hpp"

namespace syn::requests::store {

using namespace detail;

namespace {

struct QueueFilter {
    db::Filter filter;
    bool several_states = false;
};

QueueFilter queue_filter(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today,
                         db::Drive drive = db::Drive::FromMatches) {
    QueueFilter out{db::Filter(s)};
    db::Filter& f = out.filter;
    f.where("r.municipality_id = {}", municipality_id);
    if (q.department_id) f.where("r.department_id = {}", *q.department_id);
    if (q.state) f.where("r.state = {}", std::string(state_code(*q.state)));
    if (q.type_id) f.where("r.type_id = {}", *q.type_id);
    if (q.assignee_user_id) f.where("r.assignee_user_id = {}", *q.assignee_user_id);
    if (q.open_only || q.overdue_only) {
        f.where(std::string("r.state IN ") + kOpenStates);
        out.several_states = true;
    }
    // On SQLite "+" keeps the planner off requests_due: nearly every old request is past its due
    // day, so the open states (requests_state) narrow far better.
    if (q.overdue_only) f.where(f.postgres() ? "r.due_day < {}" : "+r.due_day < {}", i18n::iso_day(today));
    // The matches are read first and the requests joined to them (drive_for()). The queue is
    // for staff, who see requesters: the requester's name and the request's number find it
    // too. The filters ride in the index too (rules.hpp), so it counts the matches alone unless
    // an assignee or the due day narrows them.
    const auto exact = request_filter_terms({.municipality_id = municipality_id,
                                             .open = q.open_only || q.overdue_only ? std::optional<bool>(true) : std::nullopt,
                                             .state = q.state,
                                             .department_id = q.department_id,
                                             .type_id = q.type_id});
    f.search(q.q, kRequestSearch,
             {.drive = drive,
              .exact = exact,
              .keys = std::string(1, kRequesterKey),
              .or_id = request_number(q.q),
              .index_answers = !q.assignee_user_id && !q.overdue_only});
    return out;
}

}  // namespace

QueuePage queue(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today, std::optional<std::int64_t> total) {
    db::PreferIndex prefer_index(s, !q.q.empty());
    auto filter = queue_filter(s, municipality_id, q, today);
    if (!total) total = filter.filter.count(s, "requests r");
    // Built again only when the count chooses another plan (PostgreSQL, many matches).
    if (const auto drive = drive_for(s, *total, !q.newest_first); drive != db::Drive::FromMatches)
        filter = queue_filter(s, municipality_id, q, today, drive);
    auto& [f, several_states] = filter;
    const db::Page page = db::page_of(*total, q.page, std::clamp(q.per_page, 1, 200));
    QueuePage out;
    out.total = page.total;
    out.per_page = page.per_page;
    out.page = page.page;
    if (page.total > 0) out.items = fetch_page(s, f, several_states, page.per_page, page.offset(), !q.newest_first, page.total);
    return out;
}

std::int64_t queue_count(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today) {
    db::PreferIndex prefer_index(s, !q.q.empty());
    return queue_filter(s, municipality_id, q, today).filter.count(s, "requests r");
}

std::vector<Request> queue_all(soci::session& s, std::int64_t municipality_id, const QueueQuery& q, Day today, std::size_t limit) {
    db::PreferIndex prefer_index(s, !q.q.empty());
    auto [f, several_states] = queue_filter(s, municipality_id, q, today);
    return fetch(s, f, std::string(kNewestFirst) + " LIMIT " + std::to_string(limit));
}

}  // namespace syn::requests::store
