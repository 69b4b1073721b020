#include "modules/auditlog/module.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>

#include "platform/audit/audit.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/text/number.hpp"
#include "platform/web/list.hpp"
#include "platform/web/problem.hpp"

namespace syn::auditlog {

namespace {

constexpr std::size_t kPageSize = 50;

// "2026-11-22" → unix seconds at 00:00 Athens time is close enough for a filter; we use UTC
// midnight and say so in the hint.
std::optional<std::int64_t> parse_day(const std::string& s) {
    std::tm tm{};
    // strptime stops where the format ends: "22-11-2026" reads as year 22 unless the rest is checked.
    const char* end = s.size() == 10 ? strptime(s.c_str(), "%Y-%m-%d", &tm) : nullptr;
    if (!end || *end != '\0') return std::nullopt;
    return static_cast<std::int64_t>(timegm(&tm));
}

// A whole number > 0 written only in digits: "12abc", "-3", " 7" and "1e3" are not.
std::optional<std::int64_t> positive(const std::string& s) { return text::parse_int(s, 1, text::kMaxId); }

struct Query {
    audit::Filter filter;
    std::int64_t before = 0;
    html::Errors errors;
};

// The log's filters, as the list page reads and shows them; the page checks their values.
std::vector<web::ListFilter> filters(const i18n::Tr& tr) {
    using K = web::ListFilter::Kind;
    // Text, not type="date": a wrong date must come back as typed, and a date input may only hold a valid one.
    return {{.kind = K::Text, .name = "action", .label = tr("Action starts with"), .hint = tr("For example: account.")},
            {.kind = K::Text, .name = "actor", .label = tr("Account number"), .inputmode = "numeric"},
            {.kind = K::Text, .name = "subject", .label = tr("About"),
             .hint = tr("Exactly as in the Subject column, e.g. user:42 for everything about account 42, reads of their protected data included")},
            {.kind = K::Text, .name = "from", .label = tr("From date"), .hint = tr("YYYY-MM-DD, in UTC")},
            {.kind = K::Text, .name = "to", .label = tr("To date"), .hint = tr("YYYY-MM-DD, in UTC")}};
}

Query read_query(web::Context& ctx) {
    Query q{{}, 0, html::Errors(ctx.tr)};
    q.filter.municipality_id = ctx.tenant.id;  // rule 6: never another municipality's entries
    q.filter.action_prefix = ctx.query.value("action");
    if (q.filter.action_prefix.size() > 100) q.errors.add("action", ctx.tr("The action must be 100 characters or fewer"));
    if (auto actor = ctx.query.value("actor"); !actor.empty()) {
        q.filter.actor_user_id = positive(actor);
        if (!q.filter.actor_user_id) q.errors.add("actor", ctx.tr("The account number must be a whole number, like 42"));
    }
    q.filter.subject = ctx.query.value("subject");
    if (q.filter.subject.size() > 200) q.errors.add("subject", ctx.tr("The subject must be 200 characters or fewer"));
    for (auto [key, target] : {std::pair{"from", &q.filter.from}, std::pair{"to", &q.filter.to}}) {
        auto v = ctx.query.value(key);
        if (v.empty()) continue;
        if (auto d = parse_day(v)) *target = key == std::string("to") ? *d + 86400 : *d;
        else q.errors.add(key, ctx.tr("Enter a date in the form 2026-11-22"));
    }
    if (auto b = ctx.query.value("before"); !b.empty()) {
        q.before = positive(b).value_or(0);  // a mangled link starts again from the newest
    }
    return q;
}

http::Response page(web::Context& ctx) {
    ctx.require("audit.read");
    auto& tr = ctx.tr;
    auto q = read_query(ctx);
    std::vector<audit::Record> rows;
    if (q.errors.empty())
        rows = ctx.db.read([&](soci::session& s) { return audit::list(s, q.filter, q.before, kPageSize + 1); });
    const bool more = rows.size() > kPageSize;
    if (more) rows.pop_back();

    html::Writer w;
    w << html::error_summary(tr, q.errors);
    w("<p>{}</p>", tr("Every decision and every change to an account is recorded here. Each entry seals the one before it, so a changed or deleted entry is detected."));
    const web::ListPage list(ctx, "/audit", filters(tr));
    w << list.form({tr("Filter the audit log"), tr("Filter"), tr("Clear the filters")}, &q.errors);

    html::Table t;
    t.caption = tr("Audit log entries, newest first");
    t.head = {tr("No."), tr("When"), tr("Account"), tr("Action"), tr("Subject"), tr("Details")};
    t.numeric_columns = {0};
    for (const auto& r : rows)
        t.rows.push_back({html::text(std::to_string(r.id)), html::text(i18n::format_datetime(tr, r.at)),
                          html::text(r.actor_user_id ? std::to_string(*r.actor_user_id) : tr("system")), html::text(r.action),
                          html::text(r.subject), html::text(r.details_json)});
    if (rows.empty()) w("<p>{}</p>", tr("No entries match these filters."));
    else w << html::table(t);
    if (more) {
        // Entries arrive all the time, so the next page starts below the last entry shown, not at an offset.
        const auto filtered = list.query_string();
        w("<p><a href=\"{}\">{}</a></p>", ctx.url("/audit") + "?" + (filtered.empty() ? "" : filtered + "&") + "before=" + std::to_string(rows.back().id),
          tr("Older entries"));
    }
    return ctx.page(tr("Audit log"), w.take(), {{tr("Audit log"), ""}}, q.errors.empty() ? 200 : 422);
}

http::Response api_list(web::Context& ctx) {
    ctx.require("audit.read");
    auto q = read_query(ctx);
    std::size_t limit = kPageSize;
    if (auto l = ctx.query.value("limit"); !l.empty()) {
        auto n = positive(l);
        if (!n || *n > 200) q.errors.add("limit", ctx.tr("The number of entries per page must be a whole number from 1 to 200"));
        else limit = static_cast<std::size_t>(*n);
    }
    if (!q.errors.empty()) {
        nlohmann::json errs = nlohmann::json::array();
        for (const auto& e : q.errors.items) errs.push_back({{"field", e.field}, {"message", e.message}});
        return web::problem(422, ctx.tr("Invalid filter"), "", {{"errors", errs}});
    }
    if (auto c = ctx.query.value("cursor"); !c.empty()) {
        auto before = positive(c);
        if (!before) return web::problem(400, ctx.tr("Invalid cursor"), ctx.tr("Use the cursor from the previous page's \"next\"."));
        q.before = *before;
    }
    auto rows = ctx.db.read([&](soci::session& s) { return audit::list(s, q.filter, q.before, limit + 1); });
    nlohmann::json items = nlohmann::json::array();
    const bool more = rows.size() > limit;
    if (more) rows.pop_back();
    for (const auto& r : rows)
        items.push_back({{"id", r.id}, {"at", r.at}, {"actor_user_id", r.actor_user_id ? nlohmann::json(*r.actor_user_id) : nlohmann::json()},
                         {"action", r.action}, {"subject", r.subject}, {"details", nlohmann::json::parse(r.details_json, nullptr, false)},
                         {"hash", r.hash}});
    nlohmann::json body = {{"items", items}, {"next", more ? nlohmann::json(std::to_string(rows.back().id)) : nlohmann::json()}};
    return web::json(200, body);
}

}  // namespace

void install(web::App& app) {
    auth::define_permission("audit.read", {"auditor", "operator"});
    app.nav_if_allowed(N_("Audit log"), "/audit", "audit.read");
    app.get("/audit", page);
    app.get("/api/v1/audit", api_list);
}

}  // namespace syn::auditlog
