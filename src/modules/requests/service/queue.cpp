// The staff queue: a page of requests filtered by department, state, type, assignee, overdue and
// words, the same filter in full for the CSV export, and the departments a person acts for.
#include <algorithm>

#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/service/shared.hpp"
#include "modules/requests/store.hpp"
#include "platform/cache/read_cache.hpp"

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
    return std::to_string(mid) + "|" + opt(q.department_id) + "|" + opt(q.type_id) + "|" + opt(q.assignee_user_id) + "|" +
           (q.state ? state_code(*q.state) : "-") + "|" + (q.open_only ? "o" : "") + (q.overdue_only ? "d" + store::day_text(today) : "") +
           "|" + q.q;
}

// The pages themselves, for the same reasons: a department's staff open the same first page of
// new requests over and over. A shorter ttl than the count's, as a page shows states and names.
cache::ReadCache<QueuePage>& page_cache() {
    static cache::ReadCache<QueuePage> c(2000, std::chrono::seconds(10));
    return c;
}

}  // namespace

QueuePage queue(web::Context& ctx, const QueueQuery& q) {
    ctx.require(kPermRead);
    const Day today = detail::today();
    const auto key = count_key(ctx.tenant.id, q, today);
    auto page = page_cache().get(key + "|" + std::to_string(q.page) + "|" + std::to_string(q.per_page), store::generation(), [&] {
        return ctx.db.read([&](soci::session& s) {
            const auto total = count_cache().get(key, store::generation(), [&] { return store::queue_count(s, ctx.tenant.id, q, today); });
            return store::queue(s, ctx.tenant.id, q, today, total);
        });
    });
    detail::mark_overdue(page.items);
    return page;
}

std::uint64_t queue_version() { return store::generation() + store::config_generation(); }  // both only grow

std::vector<Request> queue_all(web::Context& ctx, const QueueQuery& q) {
    ctx.require(kPermRead);
    auto rows = ctx.db.read([&](soci::session& s) { return store::queue_all(s, ctx.tenant.id, q, detail::today(), kMaxExportRows); });
    detail::mark_overdue(rows);
    return rows;
}

std::vector<std::int64_t> my_departments(web::Context& ctx) {
    if (!ctx.logged_in() || !ctx.can(kPermHandle)) return {};
    return ctx.db.read([&](soci::session& s) {
        const auto scope = detail::staff_scope(s, ctx);
        if (!detail::is_tenant_admin(ctx) && !scope.supervisor) return scope.departments;
        std::vector<std::int64_t> all;
        for (const auto& d : store::departments(s, ctx.tenant.id)) all.push_back(d.id);
        return all;
    });
}

bool is_supervisor(web::Context& ctx) {
    if (!ctx.logged_in() || !ctx.can(kPermHandle)) return false;
    if (detail::is_tenant_admin(ctx)) return true;
    return ctx.db.read([&](soci::session& s) { return detail::staff_scope(s, ctx).supervisor; });
}

}  // namespace syn::requests
