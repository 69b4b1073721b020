// JSON API v1 of requests (/api/v1/requests…, /api/v1/request-types, /api/v1/notifications).
// The same use cases as the pages, through the same service calls, so the same people may do the
// same things: the service checks every permission and blanks personal data for those who may
// not see it; this file only reads JSON in and writes JSON out. Errors are RFC 9457 problem+json
// (validation: 422 with one entry per field). Writes need a log-in, and a browser session also the
// CSRF token in X-CSRF-Token; a personal API token needs none.
#include <nlohmann/json.hpp>

#include <charconv>
#include <map>
#include <variant>

#include "modules/requests/pages.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/notify/notify.hpp"
#include "platform/web/app.hpp"
#include "platform/text/number.hpp"
#include "platform/text/search.hpp"
#include "platform/web/json_api.hpp"
#include "platform/web/problem.hpp"

namespace syn::requests {

namespace {

using nlohmann::json;
using web::api::guarded;
using web::api::invalid;
using web::api::json_body;
using web::api::refuse_writer;

constexpr int kMaxPerPage = 100;
constexpr std::size_t kNotificationsPage = 50;

// ---------------------------------------------------------------- helpers

const char* kind_name(EntryKind k) {
    switch (k) {
        case EntryKind::Submitted: return "submitted";
        case EntryKind::Transition: return "transition";
        case EntryKind::Assignment: return "assignment";
        case EntryKind::Note: return "note";
        case EntryKind::Reply: return "reply";
        case EntryKind::Merge: return "merge";
        case EntryKind::Rating: return "rating";
        case EntryKind::Reopen: return "reopen";
        case EntryKind::Withdrawal: return "withdrawal";
        case EntryKind::Information: return "information";
    }
    return "submitted";
}

const char* source_name(Source s) {
    switch (s) {
        case Source::Web: return "web";
        case Source::Api: return "api";
        case Source::Open311: return "open311";
    }
    return "web";
}

std::string local_name(const i18n::Tr& tr, const std::string& el, const std::string& en) {
    if (tr.lang() == i18n::Lang::En && !en.empty()) return en;
    return el.empty() ? en : el;
}

template <class T>
json or_null(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

// Reads members of a JSON body, collecting one error per member of the wrong kind.
struct Reader {
    const json& body;
    const web::Context& ctx;
    std::vector<html::FieldError> errors;

    bool has(const char* name) const { return body.contains(name) && !body[name].is_null(); }
    void wrong(const char* name, const char* msgid) { errors.push_back({name, ctx.tr(msgid)}); }

    // Text; a number is taken as its decimal text (coordinates, ids).
    std::string text(const char* name) {
        if (!has(name)) return {};
        const auto& v = body[name];
        if (v.is_string()) return v.get<std::string>();
        if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
        if (v.is_number_float()) return fmt::format("{}", v.get<double>());
        wrong(name, N_("This must be text"));
        return {};
    }
    std::optional<bool> boolean(const char* name) {
        if (!has(name)) return std::nullopt;
        if (body[name].is_boolean()) return body[name].get<bool>();
        wrong(name, N_("Write true or false"));
        return std::nullopt;
    }
    std::optional<std::int64_t> id(const char* name) {
        if (!has(name)) return std::nullopt;
        const auto& v = body[name];
        if (v.is_number_integer() && v.get<std::int64_t>() > 0) return v.get<std::int64_t>();
        if (v.is_string())
            if (auto n = text::parse_int(v.get<std::string>(), 1, text::kMaxId)) return n;
        wrong(name, N_("This must be a whole number from 1"));
        return std::nullopt;
    }
};

// ---------------------------------------------------------------- JSON of a request

// Names of types and departments in the viewer's language, for lists that only carry ids.
struct Names {
    std::map<std::int64_t, std::string> types, departments;
};

Names load_names(web::Context& ctx) {
    Names n;
    for (const auto& t : request_types(ctx)) n.types[t.id] = local_name(ctx.tr, t.name_el, t.name_en);
    for (const auto& d : departments(ctx)) n.departments[d.id] = local_name(ctx.tr, d.name_el, d.name_en);
    return n;
}

// personal: the requester's name and contact details (the requester, the organisation's admins
// and staff only); staff: who it is assigned to.
json request_json(const web::Context& ctx, const Request& r, const std::string& type_name, const std::string& department_name,
                  bool personal, bool staff) {
    const auto& l = r.location;
    const bool located = !l.address.empty() || !l.postal_code.empty() || !l.area.empty() || l.latitude || l.longitude;
    json j{
        {"id", r.id},
        {"type", {{"id", r.type_id}, {"code", r.type_code}, {"name", type_name.empty() ? r.type_code : type_name}}},
        {"department", {{"id", r.department_id}, {"name", department_name}}},
        {"state", state_code(r.state)},
        {"state_label", ctx.tr(state_label(r.state))},
        {"open", is_open(r.state)},
        {"title", r.title},
        {"description", r.description},
        {"location", located ? json{{"address", l.address},
                                    {"postal_code", l.postal_code},
                                    {"area", l.area},
                                    {"latitude", or_null(l.latitude)},
                                    {"longitude", or_null(l.longitude)}}
                             : json(nullptr)},
        {"is_public", r.is_public},
        {"source", source_name(r.source)},
        {"submitted_at", r.submitted_at},
        {"updated_at", r.updated_at},
        {"first_response_at", or_null(r.first_response_at)},
        {"resolved_at", or_null(r.resolved_at)},
        {"closed_at", or_null(r.closed_at)},
        {"due", r.due.ok() ? json(i18n::iso_day(r.due)) : json(nullptr)},
        {"overdue", r.overdue},
        {"status_note", r.status_note},
        {"merged_into_id", or_null(r.merged_into_id)},
        {"supporters", r.supporters},
        {"rating", or_null(r.rating)},
        {"rating_comment", r.rating_comment},
        {"organisation", r.organisation_id ? json{{"id", *r.organisation_id}, {"name", r.organisation_name}} : json(nullptr)},
    };
    if (staff)
        j["assignee"] = r.assignee_user_id ? json{{"user_id", *r.assignee_user_id}, {"name", r.assignee_name}} : json(nullptr);
    if (personal)
        j["requester"] = {{"user_id", or_null(r.requester_user_id)},
                          {"name", r.requester_name},
                          {"email", r.requester_email},
                          {"phone", r.requester_phone}};
    return j;
}

json list_item(const web::Context& ctx, const Request& r, const Names& n, bool personal, bool staff) {
    const auto t = n.types.find(r.type_id);
    const auto d = n.departments.find(r.department_id);
    return request_json(ctx, r, t == n.types.end() ? std::string() : t->second,
                        d == n.departments.end() ? std::string() : d->second, personal, staff);
}

json view_json(web::Context& ctx, const RequestView& v) {
    const bool personal = v.viewer.requester || v.viewer.staff;
    json j = request_json(ctx, v.request, v.type_name, v.department_name, personal, v.viewer.staff);
    j["viewer"] = {{"requester", v.viewer.requester},
                   {"staff", v.viewer.staff},
                   {"can_act", v.viewer.can_act},
                   {"supporter", v.viewer.supporter}};
    json history = json::array();
    for (const auto& h : v.history) {
        json e{{"id", h.id},
               {"kind", kind_name(h.kind)},
               {"from", h.from ? json(state_code(*h.from)) : json(nullptr)},
               {"to", h.to ? json(state_code(*h.to)) : json(nullptr)},
               {"body", h.body},
               {"public", h.is_public},
               {"at", h.at}};
        // The public sees "the municipality" act, never a member of staff by name.
        if (v.viewer.staff) e["actor"] = h.actor_user_id ? json{{"user_id", *h.actor_user_id}, {"name", h.actor_name}} : json(nullptr);
        history.push_back(std::move(e));
    }
    j["history"] = std::move(history);
    json files = json::array();
    for (const auto& a : v.attachments)
        files.push_back({{"id", a.id},
                         {"filename", a.filename},
                         {"mime", a.mime},
                         {"size", a.size},
                         {"created_at", a.created_at},
                         {"url", ctx.url("/requests/" + std::to_string(v.request.id) + "/attachments/" + std::to_string(a.id))}});
    j["attachments"] = std::move(files);
    return j;
}

http::Response view_response(web::Context& ctx, std::int64_t id, int status = 200) {
    return web::json(status, view_json(ctx, view(ctx, id)));
}

// ---------------------------------------------------------------- reads

http::Response list_types(web::Context& ctx) {
    std::map<std::int64_t, std::string> depts;
    for (const auto& d : departments(ctx)) depts[d.id] = local_name(ctx.tr, d.name_el, d.name_en);
    json items = json::array();
    for (const auto& t : request_types(ctx)) {
        const auto d = depts.find(t.department_id);
        items.push_back({{"id", t.id},
                         {"code", t.code},
                         {"name", local_name(ctx.tr, t.name_el, t.name_en)},
                         {"name_el", t.name_el},
                         {"name_en", t.name_en},
                         {"description", local_name(ctx.tr, t.description_el, t.description_en)},
                         {"department", {{"id", t.department_id}, {"name", d == depts.end() ? std::string() : d->second}}},
                         {"deadline_days", t.deadline_days},
                         {"takes_location", t.takes_location},
                         {"takes_attachments", t.takes_attachments},
                         {"public_default", t.public_default}});
    }
    return web::json(200, {{"items", items}});
}

// Staff read the queue with its filters; everyone else (and staff with mine=true) their own.
http::Response list_requests(web::Context& ctx) {
    ctx.require_login();
    std::vector<html::FieldError> errors;
    const auto err = [&](const char* field, const char* msgid) { errors.push_back({field, ctx.tr(msgid)}); };
    const auto flag = [&](const char* name) {
        const auto v = ctx.query.value(name);
        if (v == "true" || v == "1" || v == "yes") return true;
        if (!(v.empty() || v == "false" || v == "0" || v == "no")) err(name, N_("Write true or false"));
        return false;
    };
    const bool mine = flag("mine");
    if (!ctx.can(kPermRead) || mine) {
        if (!errors.empty()) return invalid(ctx, N_("Invalid filter"), errors);
        const auto names = load_names(ctx);
        json items = json::array();
        const auto list = my_requests(ctx);
        for (const auto& r : list) items.push_back(list_item(ctx, r, names, true, false));
        return web::json(200, {{"items", items}, {"total", list.size()}});
    }

    QueueQuery q;
    const auto id_filter = [&](const char* name, std::optional<std::int64_t>& out) {
        if (auto v = ctx.query.value(name); !v.empty()) {
            if (auto n = text::parse_int(v, 1, text::kMaxId)) out = n;
            else err(name, N_("This must be a whole number from 1"));
        }
    };
    id_filter("department", q.department_id);
    id_filter("assignee", q.assignee_user_id);
    if (auto type = ctx.query.value("type"); !type.empty()) {
        if (auto n = text::parse_int(type, 1, text::kMaxId)) q.type_id = n;
        else if (auto t = request_type_by_code(ctx, type)) q.type_id = t->id;
        else err("type", N_("Choose a request type from the list"));
    }
    if (auto state = ctx.query.value("state"); state == "open") q.open_only = true;
    else if (!state.empty()) {
        if (auto s = parse_state(state)) q.state = s;
        else err("state", N_("Choose a state from the list"));
    }
    q.overdue_only = flag("overdue");
    q.q = ctx.query.value("q");
    if (q.q.size() > 200) err("q", N_("The search must be 200 characters or fewer"));
    if (auto sort = ctx.query.value("sort"); sort == "newest") q.newest_first = true;
    else if (!(sort.empty() || sort == "best")) err("sort", N_("Sort by best or newest"));
    if (auto p = ctx.query.value("page"); !p.empty()) {
        if (auto n = text::parse_int(p, 1, 100'000)) q.page = static_cast<int>(*n);
        else err("page", N_("The page must be a whole number from 1"));
    }
    if (auto p = ctx.query.value("per_page"); !p.empty()) {
        if (auto n = text::parse_int(p, 1, kMaxPerPage)) q.per_page = static_cast<int>(*n);
        else err("per_page", N_("The number per page must be a whole number from 1 to 100"));
    }
    if (!errors.empty()) return invalid(ctx, N_("Invalid filter"), errors);

    return guarded(ctx, N_("Invalid filter"), [&] {
        const auto page = queue(ctx, q);
        const auto names = load_names(ctx);
        json items = json::array();
        for (const auto& r : page.items) items.push_back(list_item(ctx, r, names, true, true));
        const auto pages = page.per_page > 0 ? (page.total + page.per_page - 1) / page.per_page : 0;
        return web::json(200, {{"items", items},
                               {"total", page.total},
                               {"total_capped", !q.q.empty() && text::more_than_counted(page.total)},
                               {"page", page.page},
                               {"per_page", page.per_page},
                               {"pages", pages}});
    });
}

http::Response show_request(web::Context& ctx) { return view_response(ctx, ctx.id_param()); }

json stats_json(const GroupStats& g) {
    return {{"key", g.key},
            {"requests", g.requests},
            {"median_first_response_hours", or_null(g.median_first_response_hours)},
            {"median_resolution_days", or_null(g.median_resolution_days)},
            {"resolved_within_deadline", or_null(g.resolved_within_deadline)},
            {"average_rating", or_null(g.average_rating)},
            {"ratings", g.ratings}};
}

http::Response show_statistics(web::Context& ctx) {
    const auto s = statistics(ctx);
    json deps = json::array(), types = json::array();
    for (const auto& g : s.by_department) deps.push_back(stats_json(g));
    for (const auto& g : s.by_type) types.push_back(stats_json(g));
    return web::json(200, {{"computed_at", s.computed_at}, {"overall", stats_json(s.overall)}, {"by_department", deps}, {"by_type", types}});
}

http::Response list_notifications(web::Context& ctx) {
    ctx.require_login();
    std::vector<html::FieldError> errors;
    std::int64_t before = 0;
    std::size_t limit = kNotificationsPage;
    if (auto b = ctx.query.value("cursor"); !b.empty()) {
        if (auto n = text::parse_int(b, 1, text::kMaxId)) before = *n;
        else errors.push_back({"cursor", ctx.tr("This must be a whole number from 1")});
    }
    if (auto l = ctx.query.value("limit"); !l.empty()) {
        if (auto n = text::parse_int(l, 1, kMaxPerPage)) limit = static_cast<std::size_t>(*n);
        else errors.push_back({"limit", ctx.tr("The number per page must be a whole number from 1 to 100")});
    }
    if (!errors.empty()) return invalid(ctx, N_("Invalid filter"), errors);
    const auto uid = ctx.principal.user_id;
    // One extra row tells whether another page follows.
    auto [items, unread] = ctx.db.read([&](soci::session& s) {
        return std::pair{notify::list(s, ctx.tenant.id, uid, before, limit + 1), notify::unread_count(s, ctx.tenant.id, uid)};
    });
    json next = nullptr;
    if (items.size() > limit) {
        items.resize(limit);
        next = std::to_string(items.back().id);
    }
    json out = json::array();
    for (const auto& n : items)
        out.push_back({{"id", n.id},
                       {"title", n.title},
                       {"body", n.body},
                       {"link", n.link.empty() ? json(nullptr) : json(ctx.url(n.link))},
                       {"created_at", n.created_at},
                       {"read_at", or_null(n.read_at)}});
    return web::json(200, {{"items", out}, {"unread", unread}, {"next", next}});
}

// ---------------------------------------------------------------- writes

http::Response create_request(web::Context& ctx) {
    if (auto r = refuse_writer(ctx)) return *r;
    auto parsed = json_body(ctx, /*empty_is_object=*/true);
    if (auto* r = std::get_if<http::Response>(&parsed)) return *r;
    Reader rd{std::get<json>(parsed), ctx, {}};
    RequestInput in;
    in.type = rd.text("type");
    in.organisation_id = rd.text("organisation_id");
    in.title = rd.text("title");
    in.description = rd.text("description");
    in.address = rd.text("address");
    in.postal_code = rd.text("postal_code");
    in.area = rd.text("area");
    in.latitude = rd.text("latitude");
    in.longitude = rd.text("longitude");
    in.is_public = rd.boolean("is_public");
    if (!rd.errors.empty()) return invalid(ctx, N_("Check the request's details"), rd.errors);
    return guarded(ctx, N_("Check the request's details"), [&] {
        const auto id = submit(ctx, in, {});
        auto res = view_response(ctx, id, 201);
        res.headers.set("Location", ctx.url("/api/v1/requests/" + std::to_string(id)));
        return res;
    });
}

http::Response transition_request(web::Context& ctx) {
    if (auto r = refuse_writer(ctx)) return *r;
    const auto id = ctx.id_param();
    auto parsed = json_body(ctx, /*empty_is_object=*/true);
    if (auto* r = std::get_if<http::Response>(&parsed)) return *r;
    Reader rd{std::get<json>(parsed), ctx, {}};
    const auto code = rd.text("event");
    const auto event = parse_event(code);
    if (!event) rd.wrong("event", N_("Choose an action from the list"));
    TransitionCommand c;
    c.reason = rd.text("reason");
    c.department_id = rd.id("department_id");
    c.assignee_user_id = rd.id("assignee_user_id");
    if (!rd.errors.empty()) return invalid(ctx, N_("The status could not be changed"), rd.errors);
    return guarded(ctx, N_("The status could not be changed"), [&] {
        // Reopening is the requester's, not a staff transition: the service has its own call.
        if (*event == Event::Reopen) reopen(ctx, id);
        else {
            c.event = *event;
            transition(ctx, id, c);
        }
        return view_response(ctx, id);
    });
}

http::Response reply_request(web::Context& ctx) {
    if (auto r = refuse_writer(ctx)) return *r;
    const auto id = ctx.id_param();
    auto parsed = json_body(ctx, /*empty_is_object=*/true);
    if (auto* r = std::get_if<http::Response>(&parsed)) return *r;
    Reader rd{std::get<json>(parsed), ctx, {}};
    const auto body = rd.text("body");
    // Left out, a reply is an internal note: nothing reaches the requester by mistake.
    const bool is_public = rd.boolean("public").value_or(false);
    if (!rd.errors.empty()) return invalid(ctx, N_("The reply could not be saved"), rd.errors);
    return guarded(ctx, N_("The reply could not be saved"), [&] {
        reply(ctx, id, body, is_public);
        return view_response(ctx, id, 201);
    });
}

http::Response support_request(web::Context& ctx, bool on) {
    if (auto r = refuse_writer(ctx)) return *r;
    const auto id = ctx.id_param();
    return guarded(ctx, N_("The support could not be recorded"), [&] {
        if (on) support(ctx, id);
        else unsupport(ctx, id);
        return view_response(ctx, id);
    });
}

http::Response rate_request(web::Context& ctx) {
    if (auto r = refuse_writer(ctx)) return *r;
    const auto id = ctx.id_param();
    auto parsed = json_body(ctx, /*empty_is_object=*/true);
    if (auto* r = std::get_if<http::Response>(&parsed)) return *r;
    const auto& body = std::get<json>(parsed);
    Reader rd{body, ctx, {}};
    int rating = 0;
    if (body.contains("rating") && body["rating"].is_number_integer()) rating = body["rating"].get<int>();
    if (rating < 1 || rating > 5) rd.wrong("rating", N_("Choose a rating from 1 to 5"));
    const auto comment = rd.text("comment");
    if (!rd.errors.empty()) return invalid(ctx, N_("The rating could not be saved"), rd.errors);
    return guarded(ctx, N_("The rating could not be saved"), [&] {
        rate(ctx, id, rating, comment);
        return view_response(ctx, id);
    });
}

}  // namespace

void install_api(web::App& app) {
    // The literal "statistics" wins over {id}, so it is never taken for a request id.
    app.get("/api/v1/request-types", list_types);
    app.get("/api/v1/requests", list_requests);
    app.get("/api/v1/requests/statistics", show_statistics);
    app.get("/api/v1/requests/{id}", show_request);
    app.get("/api/v1/notifications", list_notifications);
    // CSRF is checked in refuse_writer(), after the log-in check (see there).
    const web::RouteOptions json_write{web::Body::None, false};
    app.post("/api/v1/requests", create_request, json_write);
    app.post("/api/v1/requests/{id}/transitions", transition_request, json_write);
    app.post("/api/v1/requests/{id}/replies", reply_request, json_write);
    app.post("/api/v1/requests/{id}/support", [](web::Context& c) { return support_request(c, true); }, json_write);
    app.route(http::Method::Delete, "/api/v1/requests/{id}/support", [](web::Context& c) { return support_request(c, false); },
              json_write);
    app.post("/api/v1/requests/{id}/rating", rate_request, json_write);
}

}  // namespace syn::requests
