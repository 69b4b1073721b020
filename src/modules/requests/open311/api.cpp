// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2/, so that existing
// Open311 clients can list the municipality's request types, read its public requests and file
// new ones with an API key the tenant administrator issued.
//
// Every resource answers as .json and .xml (open311/format.hpp builds both from one value).
// jurisdiction_id is the municipality's slug: the platform's TenantChooser lets it choose the
// municipality when the address does not (see App::tenant_chooser), so one base URL serves all.
// Only public requests that were not merged into another appear, and never personal data:
// public_requests()/public_request() blank it, and the fields below include none.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <functional>
#include <map>

#include "modules/requests/open311/format.hpp"
#include "modules/requests/pages.hpp"
#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/http/form.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/text/cut.hpp"
#include "platform/text/number.hpp"
#include "platform/web/app.hpp"

namespace syn::requests {

namespace {

using open311::Format;
using open311::Json;

constexpr std::string_view kBase = "/open311/v2";
constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";
constexpr std::size_t kMaxRequests = 1000;      // "first 1000 requests returned"
constexpr std::int64_t kDefaultSpan = 90 * 86400;  // "the range defaults to most recent 90 days"
constexpr std::size_t kMaxDescription = 4000;   // the spec's limit, and request.json's maxLength

// ---------------------------------------------------------------- helpers


bool is_form(const http::Request& req) {
    return req.headers.get("Content-Type").value_or("").starts_with("application/x-www-form-urlencoded");
}

// The jurisdiction a request names: the query's jurisdiction_id, or for a POST the form's (the
// spec's example sends it in the body).
std::string jurisdiction_of(const http::Request& req) {
    if (auto q = http::parse_query(req.query); q && !q->value("jurisdiction_id").empty()) return q->value("jurisdiction_id");
    if (req.method == http::Method::Post && is_form(req))
        if (auto f = http::parse_form(req.body)) return f->value("jurisdiction_id");
    return {};
}

// The format an error answer takes: XML when the path asks for .xml, else JSON (an address
// such as discovery.html names no format, and JSON is what a person trying it will read).
Format format_of_path(std::string_view path) {
    const auto slash = path.rfind('/');
    auto f = open311::split_format(path.substr(slash == std::string_view::npos ? 0 : slash + 1));
    return f ? f->second : Format::Json;
}

http::Response error(Format f, int status, std::string description) {
    return open311::errors(f, status, {{status, std::move(description)}});
}

// The errors the pipeline answers itself under /open311/v2/ (no such resource, a wrong method,
// an address it cannot read, a failure): in the spec's error format, so that clients parse them.
http::Response pipeline_error(const http::Request& req, int status, const std::string& message) {
    return error(format_of_path(req.path), status, message);
}

http::Response refuse_jurisdiction(const http::Request& req, const i18n::Tr& tr, web::TenantRefusal why) {
    const Format f = format_of_path(req.path);
    switch (why) {
        case web::TenantRefusal::Missing:
            // A jurisdiction_id that is not UTF-8 reads as none: say what is wrong with it.
            if (!http::parse_query(req.query)) return error(f, 400, tr("The address contains characters we cannot read."));
            return error(f, 400, tr("jurisdiction_id was not provided: give the municipality's name as in its address."));
        case web::TenantRefusal::Mismatch:
            return error(f, 404, tr.tf("jurisdiction_id «{}» is not the municipality this address serves.", jurisdiction_of(req)));
        case web::TenantRefusal::Unknown: break;
    }
    return error(f, 404, tr.tf("jurisdiction_id «{}» was not found.", jurisdiction_of(req)));
}


// Every value of a parameter that "can be declared multiple times, comma delimited": repeated
// keys and comma lists alike, trimmed, empty items dropped.
std::vector<std::string> list_param(const http::Params& p, std::string_view key) {
    std::vector<std::string> out;
    for (auto v : p.all(key)) {
        while (!v.empty()) {
            const auto comma = v.find(',');
            auto item = v.substr(0, comma);
            while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
            while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
            if (!item.empty()) out.emplace_back(item);
            if (comma == std::string_view::npos) break;
            v.remove_prefix(comma + 1);
        }
    }
    return out;
}

Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::int64_t now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Runs a handler, answering the services' refusals in the spec's error format (the pipeline
// would answer them as HTML pages). Unexpected failures still reach the pipeline: a 500.
template <class F>
http::Response guarded(web::Context& ctx, Format f, F&& fn) {
    try {
        return fn();
    } catch (const web::NotFound&) {
        return error(f, 404, ctx.tr("Not found: there is no such public request here."));
    } catch (const web::NeedLogin&) {
        return error(f, 403, ctx.tr("api_key was not provided or is not valid."));
    } catch (const web::Forbidden&) {
        return error(f, 403, ctx.tr("api_key was not provided or is not valid."));
    } catch (const web::Invalid& e) {
        std::vector<open311::Error> list;
        for (const auto& fe : e.errors.items)
            list.push_back({400, fe.field.empty() ? fe.message : fe.field + ": " + fe.message});
        if (list.empty()) list.push_back({400, ctx.tr("The request could not be accepted.")});
        return open311::errors(f, 400, list);
    }
}

// ---------------------------------------------------------------- what the answers hold

// Names in the municipality's language: Open311 has no way to ask for another, and the clients
// show the jurisdiction's own names (Accept-Language changes only the error descriptions).
struct Names {
    std::map<std::int64_t, const RequestType*> types;
    std::map<std::int64_t, const Department*> departments;
};

Json service_json(const RequestType& t, const Department* d) {
    // Keywords "can provide synonyms of the service_name and group": the English names.
    std::string keywords = t.name_en;
    if (d && !d->name_en.empty()) keywords += (keywords.empty() ? "" : ", ") + d->name_en;
    return Json{
        {"service_code", t.code},
        {"service_name", t.name_el},
        {"description", text_or_null(t.description_el)},
        {"metadata", false},  // our types ask for no attributes beyond the spec's fields
        {"type", "realtime"},  // the id is returned at once: requests are created synchronously
        {"keywords", text_or_null(keywords)},
        {"group", d ? text_or_null(d->name_el) : Json(nullptr)},
    };
}

std::string public_description(const Request& r) {
    // The spec has no title: it leads the description, unless the description already starts with it.
    std::string text = r.description;
    if (!r.title.empty() && !text.starts_with(r.title)) text = r.title + (text.empty() ? "" : "\n\n" + text);
    return std::string(text::cut_utf8_chars(text, kMaxDescription));  // the schemas' maxLength counts code points
}

Json request_json(const Request& r, const Names& names) {
    const auto type = names.types.find(r.type_id);
    const auto dept = names.departments.find(r.department_id);
    const bool has_due = r.due.ok() && static_cast<int>(r.due.year()) > 1970;
    const bool located = r.location.latitude && r.location.longitude;
    return Json{
        {"service_request_id", std::to_string(r.id)},
        {"status", is_open(r.state) ? "open" : "closed"},
        {"status_notes", text_or_null(r.status_note)},
        {"service_name", type != names.types.end() ? Json(type->second->name_el) : Json(nullptr)},
        {"service_code", r.type_code},
        {"description", text_or_null(public_description(r))},
        {"agency_responsible", dept != names.departments.end() ? text_or_null(dept->second->name_el) : Json(nullptr)},
        {"service_notice", nullptr},
        {"requested_datetime", open311::w3c_time(r.submitted_at)},
        {"updated_datetime", open311::w3c_time(r.updated_at ? r.updated_at : r.submitted_at)},
        {"expected_datetime", has_due ? Json(open311::w3c_end_of_day(r.due)) : Json(nullptr)},
        {"address", text_or_null(r.location.address)},
        {"address_id", nullptr},
        {"zipcode", text_or_null(r.location.postal_code)},
        {"lat", located ? Json(*r.location.latitude) : Json(nullptr)},
        {"long", located ? Json(*r.location.longitude) : Json(nullptr)},
        {"media_url", nullptr},
    };
}

// ---------------------------------------------------------------- the resources

http::Response discovery(web::Context& ctx, Format f) {
    // The discovery document is written afresh on every call, and the service list can change
    // any day: the start of today (Athens) is a sortable date-time, as the spec's example has
    // it, that makes clients refresh daily.
    const auto changeset = open311::w3c_start_of_day(i18n::athens_day(now_unix()));
    const auto& t = ctx.tenant;
    const bool english = ctx.tr.lang() == i18n::Lang::En && !t.name_en.empty();
    const auto site = ctx.absolute_url("/");
    Json body{
        {"changeset", changeset},
        {"contact", fmt::format("{}: {}", ctx.tr.tf("Municipality of {}", english ? t.name_en : t.name), site)},
        {"key_service", ctx.tr.tf("API keys for submitting requests are issued by the municipality's administrator; ask at {}", site)},
        {"endpoints", Json::array({Json{
                          {"specification", kSpecification},
                          {"url", ctx.absolute_url(kBase)},
                          {"changeset", changeset},
                          {"type", "production"},
                          {"formats", Json::array({"text/xml", "application/json"})},
                      }})},
    };
    return open311::respond(200, f, body, "discovery");
}

http::Response services(web::Context& ctx, Format f) {
    const auto types = request_types(ctx);
    const auto depts = departments(ctx);
    Json list = Json::array();
    for (const auto& t : types) {
        const Department* d = nullptr;
        for (const auto& x : depts)
            if (x.id == t.department_id) d = &x;
        list.push_back(service_json(t, d));
    }
    return open311::respond(200, f, list, "services");
}

http::Response service_definition(web::Context& ctx, Format f, const std::string& code) {
    const auto t = request_type_by_code(ctx, code);
    if (!t || !t->active) return error(f, 404, ctx.tr.tf("service_code «{}» was not found.", code));
    return open311::respond(200, f, Json{{"service_code", t->code}, {"attributes", Json::array()}}, "service_definition");
}

// Requests as the spec lists them, with the type and department names filled in.
http::Response request_list(web::Context& ctx, Format f, std::vector<Request> found) {
    const auto types = request_types(ctx);
    const auto depts = departments(ctx);
    Names names;
    for (const auto& t : types) names.types[t.id] = &t;
    for (const auto& d : depts) names.departments[d.id] = &d;
    Json list = Json::array();
    for (const auto& r : found) {
        // The service lists public requests only; this is the last line of that defence.
        if (!r.is_public || r.merged_into_id) continue;
        list.push_back(request_json(r, names));
    }
    return open311::respond(200, f, list, "service_requests");
}

http::Response get_requests(web::Context& ctx, Format f) {
    PublicQuery q;
    q.limit = static_cast<int>(kMaxRequests);
    std::vector<open311::Error> problems;
    const auto bad = [&](std::string text) { problems.push_back({400, std::move(text)}); };

    // "service_request_id … overrides all other arguments."
    if (const auto ids = list_param(ctx.query, "service_request_id"); !ids.empty()) {
        for (const auto& s : ids)
            if (auto id = text::parse_int(s, 1, text::kMaxId)) q.ids.push_back(*id);
        if (q.ids.empty()) return open311::respond(200, f, Json::array(), "service_requests");
        if (q.ids.size() > kMaxRequests) return error(f, 400, ctx.tr.tf("Ask for at most {} requests at once.", kMaxRequests));
        return request_list(ctx, f, public_requests(ctx, q));
    }

    const auto start_text = ctx.query.value("start_date");
    const auto end_text = ctx.query.value("end_date");
    if (!start_text.empty() && !(q.start = open311::parse_w3c(start_text)))
        bad(ctx.tr("start_date must be a W3C date-time with a time zone, e.g. 2026-01-01T00:00:00Z."));
    if (!end_text.empty() && !(q.end = open311::parse_w3c(end_text)))
        bad(ctx.tr("end_date must be a W3C date-time with a time zone, e.g. 2026-01-31T23:59:59Z."));
    if (q.start && q.end && *q.end < *q.start) bad(ctx.tr("end_date must not be before start_date."));
    if (q.start && q.end && *q.end - *q.start > kDefaultSpan) bad(ctx.tr("start_date and end_date may not span more than 90 days."));

    bool open = false, closed = false;
    for (const auto& s : list_param(ctx.query, "status")) {
        if (s == "open") open = true;
        else if (s == "closed") closed = true;
        else bad(ctx.tr.tf("status must be open or closed, not «{}».", s));
    }
    if (open != closed) q.open = open;
    const auto codes = list_param(ctx.query, "service_code");
    if (!problems.empty()) return open311::errors(f, 400, problems);

    // Without dates, the most recent 90 days; with one of them, 90 days from (or up to) it.
    if (!q.start && !q.end) q.end = now_unix();
    if (!q.start) q.start = *q.end - kDefaultSpan;
    if (!q.end) q.end = *q.start + kDefaultSpan;

    if (codes.size() <= 1) {
        if (!codes.empty()) q.type_code = codes.front();
        return request_list(ctx, f, public_requests(ctx, q));
    }
    // Several codes: one query each, merged newest first, still at most 1,000.
    std::vector<Request> all;
    for (const auto& code : codes) {
        q.type_code = code;
        auto part = public_requests(ctx, q);
        all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    std::sort(all.begin(), all.end(), [](const Request& a, const Request& b) {
        return a.submitted_at != b.submitted_at ? a.submitted_at > b.submitted_at : a.id > b.id;
    });
    all.erase(std::unique(all.begin(), all.end(), [](const Request& a, const Request& b) { return a.id == b.id; }), all.end());
    if (all.size() > kMaxRequests) all.resize(kMaxRequests);
    return request_list(ctx, f, std::move(all));
}

// Every Open311 client polls GET requests, and its default answer (the last 90 days, up to 1,000
// requests) takes some 20 ms to write out, so the same answer is kept for a few seconds per
// municipality, format, language and query. A change to a request or to the configuration in
// this process drops it at once; another copy's change shows within the ttl, which is shorter
// than any client's polling interval.
http::Response cached_requests(web::Context& ctx, Format f) {
    // At most 64 answers of up to ~1 MB: a client varying its query cannot make it grow further.
    static cache::ReadCache<std::shared_ptr<const http::Response>> answers(64, std::chrono::seconds(5));
    const auto key = fmt::format("{}|{}|{}|{}", ctx.tenant.id, f == Format::Xml ? "xml" : "json",
                                 ctx.tr.lang() == i18n::Lang::En ? "en" : "el", ctx.req.query);
    const auto answer = answers.get(key, requests_version(), [&] { return std::make_shared<const http::Response>(get_requests(ctx, f)); });
    http::Response r;
    r.status = answer->status;
    r.headers = answer->headers;
    r.shared_body = answer->body;  // hundreds of kilobytes: shared, not copied per answer
    r.keep = answer;
    return r;
}

// POST requests: kept lean (the target is 1,500 a second): the key lookup and the submission's
// own transaction, nothing else.
http::Response post_request(web::Context& ctx, Format f) {
    // The spec's format: application/x-www-form-urlencoded. The pipeline leaves this route's
    // body alone, so that any other encoding is refused here, in the spec's error format.
    if (!ctx.req.body.empty() && !is_form(ctx.req))
        return error(f, 400, ctx.tr("Send the request as application/x-www-form-urlencoded."));
    auto parsed = http::parse_form(ctx.req.body);
    if (!parsed) return error(f, 400, ctx.tr("The form could not be read. Please try again."));
    const auto& form = *parsed;

    // The key first, so that nothing about the request is looked at, let alone saved, without it.
    // Only from the body: one in the address was refused before (see key_in_address).
    const auto key = form.value("api_key");
    if (key.empty()) return error(f, 403, ctx.tr("api_key was not provided."));
    const auto key_id = check_api_key(ctx, key);
    if (!key_id) return error(f, 403, ctx.tr("api_key is not valid, or has been revoked."));

    Open311Input in;
    in.service_code = form.value("service_code");
    in.lat = form.value("lat");
    in.lon = form.value("long");
    in.address_string = form.value("address_string");
    in.address_id = form.value("address_id");
    in.email = form.value("email");
    in.device_id = form.value("device_id");
    in.account_id = form.value("account_id");
    in.first_name = form.value("first_name");
    in.last_name = form.value("last_name");
    in.phone = form.value("phone");
    in.description = form.value("description");
    in.media_url = form.value("media_url");

    if (in.service_code.empty()) return error(f, 400, ctx.tr("service_code was not provided."));
    if ((in.lat.empty() || in.lon.empty()) && in.address_string.empty() && in.address_id.empty())
        return error(f, 400, ctx.tr("A location is required: lat and long, or address_string, or address_id."));

    try {
        const auto [id, token] = submit_open311(ctx, *key_id, in);
        // "realtime": the id is returned at once. The spec says a token "should not be returned
        // if service_request_id is returned", so it is not (tokens/{token} still answers for it).
        // account_id and service_notice "may not be returned": Open311 submitters have no account
        // here (and swagger.json's RequestResponse would refuse the null of the spec's example);
        // the deadline would cost a read per POST, and the request's expected_datetime gives it.
        return open311::respond(200, f, Json::array({Json{{"service_request_id", std::to_string(id)}}}), "service_requests");
    } catch (const web::Invalid& e) {
        // A refused service_code (it was given, see above) is one that does not exist, or no
        // longer: the spec's 404.
        const auto& items = e.errors.items;
        if (!items.empty() && std::all_of(items.begin(), items.end(), [](const auto& x) { return x.field == "service_code"; }))
            return error(f, 404, ctx.tr.tf("service_code «{}» was not found.", in.service_code));
        throw;
    }
}

http::Response get_request(web::Context& ctx, Format f, const std::string& id_text) {
    const auto id = text::parse_int(id_text, 1, text::kMaxId);
    auto r = id ? public_request(ctx, *id) : std::nullopt;
    if (!r) return error(f, 404, ctx.tr.tf("service_request_id «{}» was not found.", id_text));
    std::vector<Request> one;
    one.push_back(std::move(*r));
    return request_list(ctx, f, std::move(one));
}

http::Response get_token(web::Context& ctx, Format f, const std::string& token) {
    const auto id = token.empty() || token.size() > 200 ? std::nullopt : request_by_token(ctx, token);
    if (!id) return error(f, 404, ctx.tr("This token was not found."));
    Json body = Json::array({Json{{"service_request_id", std::to_string(*id)}, {"token", token}}});
    return open311::respond(200, f, body, "service_requests");
}

// ---------------------------------------------------------------- routing

using Resource = std::function<http::Response(web::Context&, Format)>;
using Item = std::function<http::Response(web::Context&, Format, const std::string&)>;

// An API key in the address is refused on every resource, whatever else the request holds:
// addresses are written to the logs of proxies and servers on the way, where a key is not
// secret any more. The spec's example POST sends it in the body, where it belongs.
std::optional<http::Response> key_in_address(const web::Context& ctx, Format f) {
    if (!ctx.query.get("api_key")) return std::nullopt;
    return error(f, 400, ctx.tr("api_key must be sent in the body of a POST, never in the address: addresses are kept in logs. Ask the municipality for a new key if this one was sent this way before."));
}

http::Response finish(http::Response res, const web::Context& ctx) {
    // Public data without credentials: browser-based Open311 clients on other sites may read it.
    if (ctx.req.method != http::Method::Post) res.headers.set("Access-Control-Allow-Origin", "*");
    return res;
}

// /open311/v2/<name>.json and .xml
void both_formats(web::App& app, http::Method m, std::string_view name, Resource r, web::RouteOptions o = {}) {
    for (const auto f : {Format::Json, Format::Xml}) {
        const auto path = std::string(kBase) + "/" + std::string(name) + (f == Format::Json ? ".json" : ".xml");
        app.route(m, path, [r, f](web::Context& ctx) {
            if (auto refused = key_in_address(ctx, f)) return finish(std::move(*refused), ctx);
            return finish(guarded(ctx, f, [&] { return r(ctx, f); }), ctx);
        }, o);
    }
}

// /open311/v2/<folder>/{file}, the file being "<key>.json" or "<key>.xml"
void item_route(web::App& app, std::string_view folder, Item item) {
    app.get(std::string(kBase) + "/" + std::string(folder) + "/{file}", [item](web::Context& ctx) {
        const auto split = open311::split_format(ctx.param("file"));
        const Format f = split ? split->second : Format::Json;
        if (!split) return finish(error(f, 404, ctx.tr("Not found: ask for .json or .xml.")), ctx);
        if (auto refused = key_in_address(ctx, f)) return finish(std::move(*refused), ctx);
        return finish(guarded(ctx, f, [&] { return item(ctx, f, split->first); }), ctx);
    });
}

}  // namespace

void install_open311(web::App& app) {
    app.tenant_chooser({std::string(kBase) + "/", jurisdiction_of, refuse_jurisdiction});
    app.error_format({std::string(kBase) + "/", pipeline_error});
    both_formats(app, http::Method::Get, "discovery", discovery);
    both_formats(app, http::Method::Get, "services", services);
    both_formats(app, http::Method::Get, "requests", cached_requests);
    // No CSRF: no browser session is involved, the API key authorises. Body::None: the handler
    // reads the form itself, so that a wrong encoding is refused in the spec's format.
    both_formats(app, http::Method::Post, "requests", post_request, web::RouteOptions{web::Body::None, false});
    item_route(app, "services", service_definition);
    item_route(app, "requests", get_request);
    item_route(app, "tokens", get_token);
}

}  // namespace syn::requests
