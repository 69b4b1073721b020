// The organisation profile form, for registering a new organisation and editing one: every
// field of OrganisationInput, grouped in the GOV.UK way, working without JavaScript. The kind
// is a set of radios and the type one select with a group per kind; rules.hpp check() (run by
// the service) refuses a type that does not belong to the kind chosen.
#include <fmt/format.h>

#include <algorithm>

#include "modules/registry/pages/shared.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/fields.hpp"
#include "platform/text/text.hpp"
#include "platform/web/components.hpp"
#include "platform/web/location_map.hpp"
#include "platform/web/places.hpp"

namespace syn::registry::admin_pages {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

// ---------------------------------------------------------------- reading the form

// Non-blank lines, trimmed: a textarea with one item per line.
std::vector<std::string> lines(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        auto end = s.find('\n', start);
        if (end == std::string_view::npos) end = s.size();
        auto line = text::trim(s.substr(start, end - start));
        if (!line.empty()) out.push_back(std::move(line));
        start = end + 1;
    }
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
    return out;
}

std::string vis_name(std::string_view field) { return "visibility." + std::string(field); }

OrganisationInput read_form(const http::Params& f) {
    OrganisationInput in;
    in.official_name = f.value("official_name");
    in.distinctive_title = f.value("distinctive_title");
    in.kind = f.value("kind");
    in.subtype = f.value("subtype");
    in.afm = f.value("afm");
    in.gemi_number = f.value("gemi_number");
    in.kalo_registry_number = f.value("kalo_registry_number");
    in.court_registry_number = f.value("court_registry_number");
    in.founding_date = f.value("founding_date");
    for (auto a : f.all("areas")) in.areas.emplace_back(a);
    in.description_markdown = f.value("description_markdown");
    in.seat_address = f.value("seat_address");
    in.neighbourhood = f.value("neighbourhood");
    in.postal_code = f.value("postal_code");
    in.latitude = f.value("latitude");
    in.longitude = f.value("longitude");
    in.email = f.value("email");
    in.phone = f.value("phone");
    in.website = f.value("website");
    in.social_links = lines(f.value("social_links"));
    in.declared_members = f.value("declared_members");
    in.board.president = f.value("board.president");
    in.board.secretary = f.value("board.secretary");
    in.board.treasurer = f.value("board.treasurer");
    in.board.members = lines(f.value("board.members"));
    // Every field gets an explicit choice: an unticked box means public.
    for (const char* field : visibility_fields())
        in.visibility[field] = f.get(vis_name(field)) ? Visibility::Municipality : Visibility::Public;
    return in;
}

// The service names list items "social_links.2"; the form has one textarea per list, so the
// message moves to the textarea and says which line is wrong.
Errors for_form(const i18n::Tr& tr, const Errors& in) {
    Errors out(tr);
    for (const auto& e : in.items) {
        std::string field = e.field, message = e.message;
        for (std::string_view list : {"social_links", "board.members", "areas"}) {
            const std::string prefix = std::string(list) + ".";
            if (!field.starts_with(prefix)) continue;
            const auto n = field.substr(prefix.size());
            if (list != "areas" && !n.empty() && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; }))
                message = tr.tf("Line {}: {}", std::stoul(n) + 1, message);
            field = std::string(list);
        }
        // Several bad areas give the same message; once is enough.
        if (out.for_field(field) && *out.for_field(field) == message) continue;
        out.add(field, message);
    }
    return out;
}

// ---------------------------------------------------------------- rendering

const char* field_label(std::string_view field) {
    struct L { const char* field; const char* msgid; };
    static constexpr L kLabels[] = {
        {"afm", N_("Tax number (AFM)")},
        {"gemi_number", N_("GEMI number")},
        {"kalo_registry_number", N_("KAlO registry number")},
        {"court_registry_number", N_("Court registry number")},
        {"founding_date", N_("Founding date")},
        {"description_markdown", N_("Description")},
        {"seat_address", N_("Seat address")},
        {"neighbourhood", N_("Neighbourhood")},
        {"postal_code", N_("Postal code")},
        {"coordinates", N_("Position on the map")},
        {"email", N_("Organisation's e-mail address")},
        {"phone", N_("Phone")},
        {"website", N_("Web site")},
        {"social_links", N_("Social media links")},
        {"declared_members", N_("Number of members")},
        {"board", N_("Board")},
    };
    for (const auto& l : kLabels)
        if (field == l.field) return l.msgid;
    return nullptr;
}

// Field error and hint ids, as forms.cpp makes them, for controls we write by hand.
Html subtype_select(const i18n::Tr& tr, const OrganisationInput& in, const Errors& e) {
    std::vector<html::OptionGroup> groups;
    for (const auto& k : kinds()) {
        html::OptionGroup g{tr(k.label), {}};
        for (const auto& s : subtypes(k.code)) g.options.push_back({s.code, tr(s.label)});
        groups.push_back(std::move(g));
    }
    return html::grouped_select({.name = "subtype", .label = tr("Type or legal form"), .value = in.subtype,
                                 .hint = tr("Choose one from the group of the kind you chose above.")},
                                {{"", tr("Choose a type")}}, groups, e);
}

Html area_checkboxes(const i18n::Tr& tr, const OrganisationInput& in, const Errors& e) {
    std::vector<html::Option> options;
    for (const auto& a : areas()) options.push_back({a.code, tr(a.label)});
    return html::checkbox_group({.name = "areas", .label = tr("Areas of action"), .hint = tr("Choose every area the organisation works in.")},
                                options, in.areas, e);
}

Html visibility_checkboxes(const i18n::Tr& tr, const OrganisationInput& in, const Errors& e) {
    Writer boxes;
    for (const char* field : visibility_fields()) {
        const char* label = field_label(field);
        boxes << html::checkbox(vis_name(field), label ? tr(label) : field, visibility_of(in, field) == Visibility::Municipality);
    }
    // Each box submits a name of its own, so the fieldset carries the id the error links to.
    return html::fieldset_group(
        {.name = "visibility", .label = tr("Visible to the municipality only"),
         .hint = tr("Ticked details are seen only by the organisation's members and the municipality's staff, never in the public directory. The name, kind, type and areas of action are always public.")},
        e, boxes.take(), true);
}

// A <fieldset> around a group of fields, with a legend that reads like a heading.
void group(Writer& w, std::string_view legend, const Html& body, std::string_view hint = {}) {
    w("<fieldset class=\"fieldset\"><legend class=\"fieldset__legend\"><h2>{}</h2></legend>", legend);
    if (!hint.empty()) w("<p class=\"hint\">{}</p>", hint);
    w << body;
    w("</fieldset>\n");
}

// The same pin picker as the request form's, over the latitude and longitude fields: at the
// seat given, else in the middle of the municipality's organisations.
Html seat_picker(web::Context& ctx, const OrganisationInput& in) {
    web::PinPicker p{.label = ctx.tr("Map: click the seat to fill in the latitude and longitude below"),
                     .pin_label = ctx.tr("The organisation's seat")};
    if (const auto lat = parse_coordinate(in.latitude), lng = parse_coordinate(in.longitude); lat && lng) {
        p.centre_lat = *lat;
        p.centre_lng = *lng;
        p.zoom = 16;
    } else if (const auto centre = seats_centre(ctx)) {
        std::tie(p.centre_lat, p.centre_lng) = *centre;
        p.zoom = 13;
    }
    return web::pin_picker(ctx, p);
}

Html form_body(web::Context& ctx, const std::string& action, const OrganisationInput& in, const Errors& e,
               const std::string& submit_label) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::error_summary(tr, e);
    w << html::form_start(ctx.url(action));
    w << html::csrf_input(ctx.csrf_token());

    {
        Writer f;
        f << html::input({.name = "official_name", .label = tr("Official name"), .value = in.official_name,
                          .hint = tr("As written in the statute or in the registry"),
                          .autocomplete = "organization"}, e);
        f << html::input({.name = "distinctive_title", .label = tr("Distinctive title (optional)"), .value = in.distinctive_title,
                          .hint = tr("The short name people know it by, if it has one")}, e);
        std::vector<html::Option> kind_options;
        for (const auto& k : kinds()) kind_options.push_back({k.code, tr(k.label)});
        f << html::radios({.name = "kind", .label = tr("Kind of organisation"), .value = in.kind}, kind_options, e);
        f << subtype_select(tr, in, e);
        f << html::input({.name = "afm", .label = tr("Tax number (AFM)"), .value = in.afm,
                          .hint = tr("9 digits. Only an informal group may leave it empty."), .inputmode = "numeric"}, e);
        f << html::input({.name = "founding_date", .label = tr("Founding date (optional)"), .value = in.founding_date,
                          .hint = tr("For example 2015-03-25"), .type = "date"}, e);
        group(w, tr("Identity"), f.take());
    }
    {
        Writer f;
        f << html::input({.name = "gemi_number", .label = tr("GEMI number (optional)"), .value = in.gemi_number,
                          .hint = tr("9 to 12 digits, for entities registered in the General Commercial Registry"),
                          .inputmode = "numeric"}, e);
        f << html::input({.name = "kalo_registry_number", .label = tr("KAlO registry number (optional)"),
                          .value = in.kalo_registry_number, .hint = tr("For social and solidarity economy entities")}, e);
        f << html::input({.name = "court_registry_number", .label = tr("Court registry number (optional)"),
                          .value = in.court_registry_number,
                          .hint = tr("For registered societies: the number in the court's book of societies")}, e);
        group(w, tr("Registry numbers"), f.take());
    }
    {
        Writer f;
        f << area_checkboxes(tr, in, e);
        f << html::textarea({.name = "description_markdown", .label = tr("Description (optional)"),
                             .value = in.description_markdown,
                             .hint = tr("What the organisation does and for whom, up to 10,000 characters. You can use Markdown: **bold**, *italics*, lists starting with «-», and links.")},
                            e, 8);
        group(w, tr("What the organisation does"), f.take());
    }
    {
        Writer f;
        f << html::input({.name = "seat_address", .label = tr("Seat address"), .value = in.seat_address,
                          .hint = tr("Street, number and town. An informal group may leave it empty."),
                          .autocomplete = "address-line1"}, e);
        // One spelling per place: the municipality's list of areas, not free text.
        const auto areas = ctx.db.read([&](soci::session& s) { return web::list_places(s, ctx.tenant.id); });
        f << html::select({.name = "neighbourhood", .label = tr("Neighbourhood (optional)"), .value = in.neighbourhood,
                           .hint = tr("From the municipality's list of areas. Missing yours? Choose the area around it and tell the municipality.")},
                          web::place_options(areas, tr("Not given"), in.neighbourhood), e);
        f << html::input({.name = "postal_code", .label = tr("Postal code (optional)"), .value = in.postal_code,
                          .autocomplete = "postal-code", .inputmode = "numeric"}, e);
        f << seat_picker(ctx, in);
        f << html::input({.name = "latitude", .label = tr("Latitude (optional)"), .value = in.latitude,
                          .hint = tr("In decimal degrees, like 37.0389. Give both latitude and longitude to show the seat on the map."),
                          .inputmode = "decimal"}, e);
        f << html::input({.name = "longitude", .label = tr("Longitude (optional)"), .value = in.longitude,
                          .hint = tr("In decimal degrees, like 22.1142"), .inputmode = "decimal"}, e);
        group(w, tr("Seat"), f.take());
    }
    {
        Writer f;
        f << html::input({.name = "email", .label = tr("Organisation's e-mail address (optional)"), .value = in.email,
                          .type = "email", .autocomplete = "email"}, e);
        f << html::input({.name = "phone", .label = tr("Phone (optional)"), .value = in.phone,
                          .hint = tr("10 digits, like 2721012345"), .type = "tel", .autocomplete = "tel"}, e);
        // Not type="url": the browser would refuse "www.example.gr", which the service completes.
        f << html::input({.name = "website", .label = tr("Web site (optional)"), .value = in.website,
                          .hint = tr("For example www.example.gr"), .autocomplete = "url", .inputmode = "url"}, e);
        f << html::textarea({.name = "social_links", .label = tr("Social media links (optional)"),
                             .value = joined(in.social_links),
                             .hint = tr("One address per line, each starting with https://, at most 10")}, e, 3);
        group(w, tr("Contact"), f.take());
    }
    {
        Writer f;
        f << html::input({.name = "declared_members", .label = tr("Number of members (optional)"),
                          .value = in.declared_members, .hint = tr("As declared by the organisation, a whole number"),
                          .inputmode = "numeric"}, e);
        f << html::input({.name = "board.president", .label = tr("President (optional)"), .value = in.board.president}, e);
        f << html::input({.name = "board.secretary", .label = tr("Secretary (optional)"), .value = in.board.secretary}, e);
        f << html::input({.name = "board.treasurer", .label = tr("Treasurer (optional)"), .value = in.board.treasurer}, e);
        f << html::textarea({.name = "board.members", .label = tr("Other board members (optional)"),
                             .value = joined(in.board.members), .hint = tr("One name per line, at most 50")}, e, 4);
        group(w, tr("Members and board"), f.take());
    }
    {
        Writer f;
        f << visibility_checkboxes(tr, in, e);
        group(w, tr("Who can see what"), f.take());
    }

    w << html::button(submit_label);
    w << html::form_end();
    return w.take();
}

// The form's page, with the seat map's assets (only when the install has a tile server).
http::Response form_page(web::Context& ctx, const std::string& title, const Html& body, std::vector<html::Crumb> crumbs, int status) {
    auto sh = ctx.shell(std::move(crumbs));
    sh.has_errors = status == 422;
    web::add_map_assets(sh, ctx, "js/request-map.js");
    return ctx.page(std::move(sh), title, body, status);
}

OrganisationInput defaults() {
    OrganisationInput in;
    for (const char* field : visibility_fields()) in.visibility[field] = default_visibility(field);
    return in;
}

http::Response show_new(web::Context& ctx, const OrganisationInput& in, const Errors& e, int status = 200) {
    auto& tr = ctx.tr;
    Writer w;
    w("<p class=\"lead\">{}</p>", tr("Fill in the organisation's details. You will be its admin, and you can invite the other members afterwards. The organisation stays a draft until you upload its documents and submit it."));
    w << form_body(ctx, "/my/organisations/new", in, e, tr("Register the organisation"));
    return form_page(ctx, tr("Register an organisation"), w.take(), crumbs(ctx, nullptr, tr("Register an organisation")), status);
}

http::Response show_edit(web::Context& ctx, const Organisation& o, const OrganisationInput& in, const Errors& e,
                         int status = 200) {
    auto& tr = ctx.tr;
    return form_page(ctx, tr("Edit the organisation's details"), form_body(ctx, org_path(o.id, "/edit"), in, e, tr("Save changes")),
                     crumbs(ctx, &o, tr("Edit details")), status);
}

// Admins edit their organisation; staff may on its behalf. Everyone else gets 403 or 404.
Organisation editable(web::Context& ctx, std::int64_t id) {
    ctx.require_login();
    auto o = load(ctx, id);
    const auto a = access(ctx, o);
    if (!a.admin && !a.staff) throw web::Forbidden();
    return o;
}

}  // namespace

void install_form_pages(web::App& app) {
    app.get("/my/organisations/new", [](web::Context& ctx) {
        ctx.require_login();
        return show_new(ctx, defaults(), Errors(ctx.tr));
    });
    app.post("/my/organisations/new", [](web::Context& ctx) {
        ctx.require_login();
        const auto in = read_form(ctx.form);
        try {
            const auto id = create(ctx, in);
            return ctx.redirect(org_path(id), N_("The organisation has been registered as a draft. Upload its documents, then submit it for verification."));
        } catch (const web::Invalid& inv) {
            return show_new(ctx, in, for_form(ctx.tr, inv.errors), 422);
        }
    });
    app.get("/my/organisations/{id}/edit", [](web::Context& ctx) {
        const auto o = editable(ctx, ctx.id_param());
        auto in = o.profile;
        for (const char* field : visibility_fields()) in.visibility[field] = visibility_of(o.profile, field);
        return show_edit(ctx, o, in, Errors(ctx.tr));
    });
    app.post("/my/organisations/{id}/edit", [](web::Context& ctx) {
        const auto o = editable(ctx, ctx.id_param());
        const auto in = read_form(ctx.form);
        try {
            update(ctx, o.id, in);
            return ctx.redirect(org_path(o.id), N_("The organisation's details have been saved."));
        } catch (const web::Invalid& inv) {
            return show_edit(ctx, o, in, for_form(ctx.tr, inv.errors), 422);
        }
    });
}

}  // namespace syn::registry::admin_pages
