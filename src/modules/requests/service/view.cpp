// Reading requests: one request as its viewer may see it, its attachments, a person's own
// requests, the public list (also Open311's GET requests) and Open311 tokens.
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/service/shared.hpp"
#include "modules/requests/store.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/files/blob_store.hpp"

namespace syn::requests {

namespace {

// Open311 GET requests without a date range covers the last 90 days (GeoReport v2).
constexpr std::int64_t kDefaultPublicWindow = 90 * 86400;

// The public list is the same for everyone who asks, and most visitors load its first page: a
// page is kept while no request changes in this process (store::generation) and for at most
// 10 s (changes made through other copies), as the staff queue's pages are. On PostgreSQL,
// planning the page's query alone took longer than drawing the page.
cache::ReadCache<std::vector<Request>>& public_pages() {
    static cache::ReadCache<std::vector<Request>> c(2000, std::chrono::seconds(10));
    return c;
}

// Only the site's pages are kept (a few dozen rows each); Open311's answers of up to 1,000 rows,
// whose window moves with the clock, are kept whole by the Open311 adapter instead.
constexpr int kKeptPageRows = 100;

std::string public_key(std::int64_t mid, const PublicQuery& q) {
    std::string ids;
    for (auto id : q.ids) ids += std::to_string(id) + ",";
    const auto opt = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); };
    // The typed texts carry their length, so a "|" inside one cannot make another query's key.
    const auto text = [](const std::string& s) { return std::to_string(s.size()) + ":" + s; };
    return std::to_string(mid) + "|" + ids + "|" + text(q.type_code) + "|" + opt(q.start) + "|" + opt(q.end) + "|" +
           (q.open ? (*q.open ? "o" : "c") : "-") + "|" + std::to_string(q.limit) + "|" + std::to_string(q.page) + "|" + text(q.q);
}

struct Seen {
    Request request;
    Viewer viewer;
};

// The request and who the viewer is to it; NotFound when the viewer may not see it at all
// (a stranger to a private request, or the public to a merged duplicate).
Seen seen(const web::Scope& scope, std::int64_t id) {
    auto r = scope.db.read([&](soci::session& s) { return store::by_id(s, scope.tenant.id, id); });
    if (!r) throw web::NotFound();
    Seen out{*r, {}};
    out.viewer.staff = scope.can(kPermRead);
    out.viewer.requester = detail::is_requester(scope, *r);
    if (!out.viewer.staff && !out.viewer.requester && (!r->is_public || r->merged_into_id)) throw web::NotFound();
    return out;
}

}  // namespace

RequestView view(const web::Scope& scope, std::int64_t id) {
    auto [r, viewer] = seen(scope, id);
    RequestView v;
    scope.db.read([&](soci::session& s) {
        if (viewer.staff) viewer.can_act = detail::can_act(s, scope, r);
        if (scope.logged_in()) viewer.supporter = store::is_supporter(s, scope.tenant.id, id, scope.principal.user_id);
        // One read of the whole history: whether the requester may still withdraw is judged on all
        // of it (internal notes included); everyone but staff then sees the public entries only.
        v.history = store::events(s, scope.tenant.id, id, false);
        if (viewer.requester) v.withdrawable = withdrawable(v.history, r.state);
        if (!viewer.staff) std::erase_if(v.history, [](const HistoryEntry& h) { return !h.is_public; });
        v.attachments = store::attachments(s, scope.tenant.id, id);
        if (auto t = store::type_by_id(s, scope.tenant.id, r.type_id)) v.type_name = detail::name_in(scope, t->name_el, t->name_en);
        if (auto d = store::department(s, scope.tenant.id, r.department_id))
            v.department_name = detail::name_in(scope, d->name_el, d->name_en);
    });
    if (!viewer.staff) {
        // Who at the municipality did what, and to whom a request was assigned, is for staff.
        for (auto& h : v.history) {
            if (!(scope.logged_in() && h.actor_user_id && *h.actor_user_id == scope.principal.user_id)) {
                h.actor_user_id.reset();
                h.actor_name.clear();
            }
            if (h.kind == EntryKind::Assignment) h.body.clear();
        }
    }
    detail::mark_overdue(scope, r);
    v.request = viewer.staff || viewer.requester ? r : detail::without_personal_data(r);
    v.viewer = viewer;
    return v;
}

AttachmentContent attachment(const web::Scope& scope, std::int64_t request_id, std::int64_t attachment_id) {
    seen(scope, request_id);
    auto a = scope.db.read([&](soci::session& s) { return store::attachment(s, scope.tenant.id, request_id, attachment_id); });
    if (!a) throw web::NotFound();
    auto data = files::BlobStore(scope.cfg.files_dir).get(a->sha256);
    if (!data) throw web::NotFound();
    return {std::move(*a), std::move(*data)};
}

std::vector<Request> my_requests(const web::Scope& scope) {
    scope.require_login();
    const auto orgs = detail::administered_organisations(scope);
    auto out = scope.db.read([&](soci::session& s) { return store::of_requester(s, scope.tenant.id, scope.principal.user_id, orgs); });
    detail::mark_overdue(scope, out);
    return out;
}

std::vector<Request> public_requests(const web::Scope& scope, const PublicQuery& in) {
    PublicQuery q = in;
    q.limit = std::clamp(q.limit, 1, 1000);
    q.page = std::max(q.page, 1);
    if (q.ids.empty() && !q.start && !q.end && q.q.empty()) q.start = scope.now() - kDefaultPublicWindow;
    if (q.end && !q.start) q.start = *q.end - kDefaultPublicWindow;
    const auto load = [&] {
        auto page = scope.db.read([&](soci::session& s) { return store::public_list(s, scope.tenant.id, q); });
        for (auto& r : page) r = detail::without_personal_data(std::move(r));
        return page;
    };
    auto out = q.limit <= kKeptPageRows ? public_pages().get(public_key(scope.tenant.id, q), store::generation(), load) : load();
    detail::mark_overdue(scope, out);  // against today, not the day the page was kept
    return out;
}

std::optional<Request> public_request(const web::Scope& scope, std::int64_t id) {
    auto r = scope.db.read([&](soci::session& s) { return store::by_id(s, scope.tenant.id, id); });
    if (!r || !r->is_public || r->merged_into_id) return std::nullopt;
    detail::mark_overdue(scope, *r);
    return detail::without_personal_data(std::move(*r));
}

std::optional<std::int64_t> request_by_token(const web::Scope& scope, std::string_view token) {
    if (token.empty() || token.size() > 200) return std::nullopt;
    return scope.db.read([&](soci::session& s) { return store::id_by_token(s, scope.tenant.id, token); });
}

}  // namespace syn::requests
