// The staff queue: a page of requests filtered by department, state, type, assignee, overdue and
// words, the same filter in full for the CSV export, and the departments a person acts for.
#include <fmt/format.h>

#include <algorithm>

#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/service/shared.hpp"
#include "modules/requests/store.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/i18n/calendar.hpp"

namespace syn::requests {

namespace {

constexpr std::size_t kMaxExportRows = 100000;

// How many requests a filter matches, per municipality and filter. Counting a busy department's
// closed requests walks tens of thousands of index entries, far more than reading the page of 50
// itself; staff page through the same filter, so the count is kept while no request changes in
// this process (store::generation) and for at most 30 s (changes made by other copies).
cache::ReadCache<std::int64_t>& count_cache() {
    static cache::ReadCache<std::int64_t> c(5000, std::chrono::seconds(30));
    return c;
}

std::string count_key(std::int64_t mid, const QueueQuery& q, Day today) {
    auto opt = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); };
    // fmt, not +: GCC 12 sees a false overlap (-Wrestrict) in a chain of string additions.
    return fmt::format("{}|{}|{}|{}|{}|{}{}{}|{}", mid, opt(q.department_id), opt(q.type_id), opt(q.assignee_user_id),
                       q.state ? state_code(*q.state) : "-", q.open_only ? "o" : "", q.overdue_only ? "d" : "",
                       q.overdue_only ? i18n::iso_day(today) : std::string(), q.q);
}

// The pages themselves, for the same reasons: a department's staff open the same first page of
// new requests over and over. A shorter ttl than the count's, as a page shows states and names.
cache::ReadCache<QueuePage>& page_cache() {
    static cache::ReadCache<QueuePage> c(2000, std::chrono::seconds(10));
    return c;
}

}  // namespace

QueuePage queue(const web::Scope& scope, const QueueQuery& q) {
    scope.require(kPermRead);
    const Day today = detail::today(scope);
    const auto key = count_key(scope.tenant.id, q, today);
    auto page = page_cache().get(key + "|" + std::to_string(q.page) + "|" + std::to_string(q.per_page) + (q.newest_first ? "|n" : "|b"),
                                 store::generation(), [&] {
        return scope.db.read([&](soci::session& s) {
            const auto total = count_cache().get(key, store::generation(), [&] { return store::queue_count(s, scope.tenant.id, q, today); });
            return store::queue(s, scope.tenant.id, q, today, total);
        });
    });
    detail::mark_overdue(scope, page.items);
    return page;
}

std::uint64_t requests_version() { return store::generation() + store::config_generation(); }  // both only grow

std::vector<Request> queue_all(const web::Scope& scope, const QueueQuery& q) {
    scope.require(kPermRead);
    auto rows = scope.db.read([&](soci::session& s) { return store::queue_all(s, scope.tenant.id, q, detail::today(scope), kMaxExportRows); });
    detail::mark_overdue(scope, rows);
    return rows;
}

std::vector<std::int64_t> my_departments(const web::Scope& scope) {
    if (!scope.logged_in() || !scope.can(kPermHandle)) return {};
    const auto staff = detail::staff_scope(scope);
    if (!detail::is_tenant_admin(scope) && !staff.supervisor) return staff.departments;
    std::vector<std::int64_t> all;
    for (const auto& d : departments(scope))
        if (!d.retired) all.push_back(d.id);
    return all;
}

bool is_supervisor(const web::Scope& scope) {
    if (!scope.logged_in() || !scope.can(kPermHandle)) return false;
    return detail::is_tenant_admin(scope) || detail::staff_scope(scope).supervisor;
}

}  // namespace syn::requests
