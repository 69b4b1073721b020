// JSON API of the registry (/api/v1/organisations…) and the open-data exports of the public
// directory (HSDS 3.0 JSON, CSV). Reads are public; writes need a session or an API token, and
// the services decide who may do what.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <variant>

#include "modules/registry/formats.hpp"
#include "modules/registry/pages.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/html/markdown.hpp"
#include "platform/http/percent.hpp"
#include "platform/text/csv.hpp"
#include "platform/text/text.hpp"
#include "platform/text/number.hpp"
#include "platform/text/search.hpp"
#include "platform/web/json_api.hpp"
#include "platform/web/problem.hpp"

namespace syn::registry {

namespace {

using nlohmann::json;
using web::api::guarded;
using web::api::invalid;
using web::api::json_body;
using web::api::refuse_writer;

constexpr int kExportPageSize = 100;

// ---------------------------------------------------------------- helpers


std::string profile_path(const Organisation& o) { return "/organisations/" + http::percent_encode(o.slug); }
std::string profile_url(const web::Context& ctx, const Organisation& o) { return ctx.absolute_url(profile_path(o)); }
std::string logo_url(const web::Context& ctx, const Organisation& o) {
    return o.logo_sha256.empty() ? std::string() : ctx.absolute_url(profile_path(o) + "/logo");
}

json public_json(const web::Context& ctx, const Organisation& o) {
    return formats::to_api_json(o, false, profile_url(ctx, o), logo_url(ctx, o));
}
json full_json(const web::Context& ctx, const Organisation& o) {
    return formats::to_api_json(o, true, profile_url(ctx, o), logo_url(ctx, o));
}

// ---------------------------------------------------------------- the directory

struct ListQuery {
    DirectoryQuery q;
    std::vector<html::FieldError> errors;
};

ListQuery read_list_query(const web::Context& ctx) {
    ListQuery out;
    auto& q = out.q;
    auto err = [&](const char* field, const char* msgid) { out.errors.push_back({field, ctx.tr(msgid)}); };
    q.q = ctx.query.value("q");
    if (text::characters(q.q) > 200) err("q", N_("The search must be 200 characters or fewer"));
    q.kind = ctx.query.value("kind");
    if (!q.kind.empty() && !kind_label(q.kind)) err("kind", N_("Choose a kind of organisation from the list"));
    q.area = ctx.query.value("area");
    if (!q.area.empty() && !area_label(q.area)) err("area", N_("Choose areas of action from the list"));
    q.neighbourhood = ctx.query.value("neighbourhood");
    const auto v = ctx.query.value("verified");
    if (v == "true" || v == "1" || v == "yes") q.verified_only = true;
    else if (!(v.empty() || v == "false" || v == "0" || v == "no")) err("verified", N_("Write true or false"));
    const auto sort = ctx.query.value("sort");
    if (sort == "newest") q.sort = DirectorySort::Newest;
    else if (sort == "name") q.sort = DirectorySort::Name;
    else if (!(sort.empty() || sort == "best")) err("sort", N_("Sort by best, name or newest"));
    if (auto p = ctx.query.value("page"); !p.empty()) {
        if (auto n = text::parse_int(p, 1, 100'000)) q.page = static_cast<int>(*n);
        else err("page", N_("The page must be a whole number from 1"));
    }
    if (auto p = ctx.query.value("per_page"); !p.empty()) {
        if (auto n = text::parse_int(p, 1, 100)) q.per_page = static_cast<int>(*n);
        else err("per_page", N_("The number per page must be a whole number from 1 to 100"));
    }
    return out;
}

http::Response list(web::Context& ctx) {
    auto lq = read_list_query(ctx);
    if (!lq.errors.empty()) return invalid(ctx, N_("Invalid filter"), lq.errors);
    const auto page = directory(ctx, lq.q);
    json items = json::array();
    for (const auto& o : page.items) items.push_back(public_json(ctx, o));
    return web::json(200, {{"items", items},
                           {"total", page.total},
                           {"total_capped", !lq.q.q.empty() && text::more_than_counted(page.total)},
                           {"page", page.page},
                           {"pages", page.pages},
                           {"per_page", lq.q.per_page}});
}

// Calls f(o) for every listed organisation, in name order, a page at a time.
template <class F>
void each_listed(web::Context& ctx, F&& f) {
    DirectoryQuery q;
    q.per_page = kExportPageSize;
    for (q.page = 1;; ++q.page) {
        const auto page = directory(ctx, q);
        for (const auto& o : page.items) f(o);
        if (q.page >= page.pages || page.items.empty()) break;
    }
}

// GET /{slug}: the public profile; members and staff get every field. A whole number that is
// no slug is taken as an id, so that the Location of a new (unlisted) draft can be read back.
http::Response show(web::Context& ctx) {
    const auto key = ctx.param("slug");
    if (auto o = find_public(ctx, key)) {
        const Access a = ctx.logged_in() ? access(ctx, *o) : Access{};
        return web::json(200, a.member || a.reader ? full_json(ctx, *o) : public_json(ctx, *o));
    }
    auto id = text::parse_int(key, 1, text::kMaxId);
    if (!id || !ctx.logged_in()) throw web::NotFound();
    return web::json(200, full_json(ctx, load(ctx, *id)));
}

// ---------------------------------------------------------------- writes

http::Response create_one(web::Context& ctx) {
    if (auto r = refuse_writer(ctx)) return *r;
    auto body = json_body(ctx);
    if (auto* r = std::get_if<http::Response>(&body)) return *r;
    return guarded(ctx, N_("Check the organisation's details"), [&] {
        OrganisationInput in;
        std::vector<html::FieldError> errors;
        for (const auto& p : formats::apply_json(std::get<json>(body), in)) errors.push_back({p.field, ctx.tr(p.msgid)});
        if (!errors.empty()) return invalid(ctx, N_("Check the organisation's details"), errors);
        const auto id = create(ctx, in);
        const auto o = load(ctx, id);
        auto res = web::json(201, full_json(ctx, o));
        res.headers.set("Location", ctx.url("/api/v1/organisations/" + std::to_string(id)));
        return res;
    });
}

http::Response patch_one(web::Context& ctx) {
    if (auto r = refuse_writer(ctx)) return *r;
    const auto id = ctx.id_param();
    auto body = json_body(ctx);
    if (auto* r = std::get_if<http::Response>(&body)) return *r;
    return guarded(ctx, N_("Check the organisation's details"), [&] {
        // Members absent from the body keep their stored value.
        OrganisationInput in = load(ctx, id).profile;
        std::vector<html::FieldError> errors;
        for (const auto& p : formats::apply_json(std::get<json>(body), in)) errors.push_back({p.field, ctx.tr(p.msgid)});
        if (!errors.empty()) return invalid(ctx, N_("Check the organisation's details"), errors);
        update(ctx, id, in);
        return web::json(200, full_json(ctx, load(ctx, id)));
    });
}

http::Response submit_one(web::Context& ctx) {
    if (auto r = refuse_writer(ctx)) return *r;
    const auto id = ctx.id_param();
    return guarded(ctx, N_("The organisation could not be submitted"), [&] {
        submit(ctx, id);
        return web::json(200, full_json(ctx, load(ctx, id)));
    });
}

std::optional<Event> decision_event(const std::string& code) {
    if (code == "return") return Event::ReturnWithReasons;
    auto e = parse_event(code);
    if (!e || *e == Event::Submit || *e == Event::Expire) return std::nullopt;
    return e;
}

http::Response decide_one(web::Context& ctx) {
    if (auto r = refuse_writer(ctx)) return *r;
    const auto id = ctx.id_param();
    ctx.require(kPermReview);  // 403 before the body is even read
    auto parsed = json_body(ctx);
    if (auto* r = std::get_if<http::Response>(&parsed)) return *r;
    const auto& body = std::get<json>(parsed);
    std::vector<html::FieldError> errors;
    Decision d;
    const auto& code = body.contains("decision") && body["decision"].is_string() ? body["decision"].get<std::string>() : std::string();
    if (auto e = decision_event(code)) d.event = *e;
    else errors.push_back({"decision", ctx.tr("Choose a decision from the list")});
    if (body.contains("checklist")) {
        const auto& c = body["checklist"];
        auto item = [&](const char* name, bool& out) {
            if (!c.contains(name)) return;
            if (c[name].is_boolean()) out = c[name].get<bool>();
            else errors.push_back({std::string("checklist.") + name, ctx.tr("Write true or false")});
        };
        if (!c.is_object()) errors.push_back({"checklist", ctx.tr("This must be an object")});
        else {
            item("documents_present", d.checklist.documents_present);
            item("afm_valid", d.checklist.afm_valid);
            item("seat_in_municipality", d.checklist.seat_in_municipality);
            item("no_duplicate", d.checklist.no_duplicate);
        }
    }
    if (body.contains("reasons")) {
        const auto& r = body["reasons"];
        if (!r.is_array() || !std::all_of(r.begin(), r.end(), [](const json& x) { return x.is_string(); }))
            errors.push_back({"reasons", ctx.tr("This must be a list of texts")});
        else
            for (const auto& x : r) d.reasons.push_back(x.get<std::string>());
    }
    if (!errors.empty()) return invalid(ctx, N_("The decision could not be recorded"), errors);
    return guarded(ctx, N_("The decision could not be recorded"), [&] {
        decide(ctx, id, d);
        return web::json(200, full_json(ctx, load(ctx, id)));
    });
}

// ---------------------------------------------------------------- open data

formats::Place place_of(const web::Context& ctx) {
    const auto& t = ctx.tenant;
    const bool english = ctx.tr.lang() == i18n::Lang::En && !t.name_en.empty();
    return {t.elstat_code, t.id, ctx.tr.tf("Municipality of {}", english ? t.name_en : t.name), t.region};
}

http::Response export_hsds(web::Context& ctx) {
    const auto place = place_of(ctx);
    const formats::Translate tr = [&](const char* m) { return ctx.tr(m); };
    json out = json::array();
    each_listed(ctx, [&](const Organisation& o) {
        const auto text = html::markdown_to_plain_text(o.profile.description_markdown, kMaxDescription);
        out.push_back(formats::hsds_organization(o, place, profile_url(ctx, o), logo_url(ctx, o), text, tr));
    });
    auto res = web::json(200, out);
    res.headers.set("Content-Disposition", "inline; filename=\"organisations-" + ctx.tenant.slug + "-hsds.json\"");
    return res;
}

http::Response export_csv(web::Context& ctx) {
    text::csv::WriteOptions opt;
    const auto sep = ctx.query.value("delimiter");
    if (sep == "semicolon") opt.delimiter = ';';
    else if (!(sep.empty() || sep == "comma"))
        return invalid(ctx, N_("Invalid filter"), {{"delimiter", ctx.tr("Write comma or semicolon")}});
    // The BOM makes Excel read UTF-8 (else it shows the Greek as mojibake in the Windows code page).
    std::string body(text::csv::kUtf8Bom);
    body += text::csv::row(formats::export_header(), opt);
    each_listed(ctx, [&](const Organisation& o) { body += text::csv::row(formats::export_row(o, profile_url(ctx, o)), opt); });
    auto res = http::Response::text(200, std::move(body), "text/csv; charset=utf-8");
    res.headers.set("Content-Disposition", "attachment; filename=\"organisations-" + ctx.tenant.slug + ".csv\"");
    return res;
}

}  // namespace

void install_api(web::App& app) {
    // Literal segments win over {slug}, so the exports are never taken for a slug.
    app.get("/api/v1/organisations", list);
    app.get("/api/v1/organisations/export.csv", export_csv);
    app.get("/api/v1/organisations/export/hsds.json", export_hsds);
    app.get("/api/v1/organisations/{slug}", show);
    // CSRF is checked in refuse_writer(), after the log-in check (see there).
    const web::RouteOptions json_write{web::Body::None, false};
    app.post("/api/v1/organisations", create_one, json_write);
    app.route(http::Method::Patch, "/api/v1/organisations/{id}", patch_one, json_write);
    app.post("/api/v1/organisations/{id}/submit", submit_one, json_write);
    app.post("/api/v1/organisations/{id}/decision", decide_one, json_write);
}

}  // namespace syn::registry
