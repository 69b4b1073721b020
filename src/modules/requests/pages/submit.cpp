// The submission form (/requests/new): type, on whose behalf, title and description, an
// optional location, attachments, and public or private. A multipart POST; on a problem the
// form comes back (422) with the error summary at the top, the message at each field and every
// value kept except the files, which browsers never let a page fill in again.
//
// Without JavaScript the location is four plain fields. request-map.js adds a map on which a
// click (or "Put the pin at the centre of the map" for keyboard users) fills latitude and
// longitude, and sets the public/private choice to the chosen type's default until the person
// picks one themselves.
#include <fmt/format.h>

#include <cmath>

#include "modules/registry/service.hpp"
#include "modules/requests/pages/shared.hpp"
#include "modules/requests/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/fields.hpp"
#include "platform/web/location_map.hpp"
#include "platform/web/places.hpp"

namespace syn::requests::ui {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

RequestInput read_form(const http::Params& f) {
    RequestInput in;
    in.type = f.value("type");
    in.organisation_id = f.value("organisation_id");
    in.title = f.value("title");
    in.description = f.value("description");
    in.address = f.value("address");
    in.postal_code = f.value("postal_code");
    in.area = f.value("area");
    in.latitude = f.value("latitude");
    in.longitude = f.value("longitude");
    if (const auto p = f.value("is_public"); p == "1") in.is_public = true;
    else if (p == "0") in.is_public = false;
    return in;
}

// The service may name a group ("coordinates") or a synonym; the page shows one element per
// field, so each message moves to the field that shows the problem.
Errors for_form(const Errors& in) {
    static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
        {"coordinates", "latitude"}, {"location", "address"},      {"file", "attachments"},
        {"files", "attachments"},    {"organisation", "organisation_id"}, {"public", "is_public"},
        {"type_id", "type"},         {"lat", "latitude"},          {"lon", "longitude"},
    };
    Errors renamed;
    renamed.tr = in.tr;
    for (const auto& e : in.items) {
        std::string field = e.field;
        for (const auto& [from, to] : kAliases)
            if (field == from || field.starts_with(std::string(from) + ".")) field = to;
        if (field.starts_with("attachments.")) field = "attachments";
        renamed.add(field, e.message);
    }
    return errors_for(renamed,
                      {"type", "organisation_id", "title", "description", "address", "postal_code", "area", "latitude",
                       "longitude", "attachments", "is_public"},
                      "title");
}

std::string type_option_label(const i18n::Tr& tr, const RequestType& t) {
    return local_name(tr, t.name_el, t.name_en) + " — " +
           tr.tn("answered within {} working day", "answered within {} working days", t.deadline_days);
}

// Written by hand for the data-* the script reads; otherwise what html::select() writes.
Html type_select(const i18n::Tr& tr, const std::vector<RequestType>& types, const std::string& value, const Errors& e) {
    const std::string id = "type";
    const auto* error = e.for_field("type");
    Writer w;
    w("<div class=\"form-group{}\">", error ? " form-group--error" : "");
    w("<label class=\"label\" for=\"{}\">{}</label>", id, tr("Type of request"));
    w("<div class=\"hint\" id=\"type-hint\">{}</div>",
      tr("The type decides which department handles the request and how soon it must be answered. The working days do not count weekends and public holidays."));
    w << html::error_message(&tr, id, error);
    w("<select class=\"select{}\" id=\"type\" name=\"type\" aria-describedby=\"type-hint{}\" aria-invalid=\"{}\">", error ? " select--error" : "",
      error ? " type-error" : "", error ? "true" : "false");
    w("<option value=\"\"{}>{}</option>", value.empty() ? " selected" : "", tr("Choose a type of request"));
    for (const auto& t : types) {
        const auto v = std::to_string(t.id);
        w("<option value=\"{}\" data-public=\"{}\" data-location=\"{}\"{}>{}</option>", v, t.public_default ? "1" : "0",
          t.takes_location ? "1" : "0", v == value ? " selected" : "", type_option_label(tr, t));
    }
    w("</select></div>\n");
    return w.take();
}

// What each type is for, so the choice is informed without JavaScript.
Html type_guide(const i18n::Tr& tr, const std::vector<RequestType>& types) {
    Writer w;
    w("<dl class=\"request-types\">");
    for (const auto& t : types) {
        w("<dt>{}</dt><dd>", local_name(tr, t.name_el, t.name_en));
        const auto desc = local_name(tr, t.description_el, t.description_en);
        if (!desc.empty()) w("<p>{}</p>", desc);
        w("<p class=\"secondary-text\">{}", tr.tn("Answered within {} working day.", "Answered within {} working days.", t.deadline_days));
        if (t.takes_location) w(" {}", tr("Give the location."));
        if (t.takes_attachments) w(" {}", tr("You may attach documents or photos."));
        w(" {}</p></dd>", t.public_default ? tr("Public unless you choose otherwise.") : tr("Private unless you choose otherwise."));
    }
    w("</dl>");
    return w.take();
}

// The average of recent public requests' positions: where a pin is likely to go. Greece as a
// whole when there are none yet.
std::pair<double, double> map_centre(web::Context& ctx, const RequestInput& in, int& zoom) {
    try {
        const double lat = std::stod(in.latitude), lon = std::stod(in.longitude);
        if (std::isfinite(lat) && std::isfinite(lon) && std::abs(lat) <= 90 && std::abs(lon) <= 180) {
            zoom = 16;
            return {lat, lon};
        }
    } catch (const std::exception&) {
        // not coordinates yet: fall through
    }
    PublicQuery q;
    q.start = 0;
    q.limit = 50;
    double lat = 0, lon = 0;
    int n = 0;
    for (const auto& r : public_requests(ctx, q))
        if (r.location.latitude && r.location.longitude) {
            lat += *r.location.latitude;
            lon += *r.location.longitude;
            ++n;
        }
    if (n == 0) {
        zoom = 6;
        return {38.5, 23.5};
    }
    zoom = 13;
    return {lat / n, lon / n};
}

void location_group(Writer& w, web::Context& ctx, const RequestInput& in, const Errors& e) {
    const auto& tr = ctx.tr;
    w("<fieldset class=\"fieldset\"><legend class=\"fieldset__legend\"><h2>{}</h2></legend>", tr("Location"));
    w("<p class=\"hint\">{}</p>",
      tr("Only for the types of request about a place, such as a local problem report; leave it empty for the others. The address is enough; coordinates help the crew find the exact spot."));
    w << html::input({.name = "address", .label = tr("Address or place (optional)"), .value = in.address,
                      .hint = tr("Street and number, or a landmark, e.g. «Αριστομένους 12» or «playground on Νέδοντος»")}, e);
    // No autocomplete: the place of a problem is rarely the person's own address.
    w << html::input({.name = "postal_code", .label = tr("Postal code (optional)"), .value = in.postal_code,
                      .inputmode = "numeric"}, e);
    // The municipality's areas, one spelling each (web/places.hpp): the queue and the reports
    // count a neighbourhood's requests under one name.
    const auto areas = ctx.db.read([&](soci::session& s) { return web::list_places(s, ctx.tenant.id); });
    if (!areas.empty())
        w << html::select({.name = "area", .label = tr("Area (optional)"), .value = in.area,
                           .hint = tr("The neighbourhood or community of the spot, from the municipality's list.")},
                          web::place_options(areas, tr("Not given"), in.area), e);
    if (map_enabled(ctx)) {
        int zoom = 6;
        const auto [lat, lon] = map_centre(ctx, in, zoom);
        w << web::pin_picker(ctx, {.label = tr("Map: click the spot to fill in the latitude and longitude below"),
                                   .pin_label = tr("The spot of the request"), .centre_lat = lat, .centre_lng = lon, .zoom = zoom});
    }
    w << html::input({.name = "latitude", .label = tr("Latitude (optional)"), .value = in.latitude,
                      .hint = tr("In decimal degrees, like 37.0389. Give both latitude and longitude, or neither."),
                      .inputmode = "decimal"}, e);
    w << html::input({.name = "longitude", .label = tr("Longitude (optional)"), .value = in.longitude,
                      .hint = tr("In decimal degrees, like 22.1142"), .inputmode = "decimal"}, e);
    w("</fieldset>\n");
}

Html form_body(web::Context& ctx, const RequestInput& in, const Errors& e, bool files_were_sent) {
    const auto& tr = ctx.tr;
    const auto types = request_types(ctx);
    Writer w;
    w << html::error_summary(tr, e);
    if (types.empty()) {
        w("<p>{}</p>", tr("The municipality has not set up any types of request yet, so requests cannot be made here for now."));
        return w.take();
    }
    w("<p class=\"lead\">{}</p>",
      tr("Tell the municipality what you need or what the problem is. You will get an e-mail at every step, and you can follow the request under «My requests»."));
    w << html::details(tr("What each type of request is for"), type_guide(tr, types));

    w("<form id=\"request-form\" action=\"{}\" method=\"post\" enctype=\"multipart/form-data\" novalidate>",
      ctx.url("/requests/new"));
    w << html::csrf_input(ctx.csrf_token());
    w << type_select(tr, types, in.type, e);

    std::vector<html::Option> orgs;
    for (const auto& m : registry::my_organisations(ctx))
        if (m.role == registry::kRoleAdmin) {
            const auto& p = m.organisation.profile;
            orgs.push_back({std::to_string(m.organisation.id), p.distinctive_title.empty() ? p.official_name : p.distinctive_title});
        }
    if (!orgs.empty()) {
        orgs.insert(orgs.begin(), html::Option{"", tr("In my own name")});
        w << html::select({.name = "organisation_id", .label = tr("On whose behalf"), .value = in.organisation_id,
                           .hint = tr("As an admin of an organisation you can make the request on its behalf; all its admins can then follow it.")},
                          orgs, e);
    }

    w << html::input({.name = "title", .label = tr("Title"), .value = in.title,
                      .hint = tr("A short summary, e.g. «Street light out on Αριστομένους 12»")}, e);
    w << html::textarea({.name = "description", .label = tr("Description"), .value = in.description,
                         .hint = tr("What you need or what is wrong, and since when. Do not write personal data of other people.")},
                        e, 8);
    location_group(w, ctx, in, e);
    w << attachments_input(tr, e, files_were_sent);

    w << html::radios({.name = "is_public",
                       .label = tr("Who can see the request"),
                       .value = in.is_public ? (*in.is_public ? "1" : "0") : "",
                       .hint = tr("Public requests are listed on the site, so that others can support them. If you choose neither, the usual choice for the type applies. Your name and contact details are never shown publicly.")},
                      {{"1", tr("Public: anyone can read it and support it")},
                       {"0", tr("Private: only you and the municipality")}},
                      e);
    w << html::button(tr("Submit the request"));
    w << html::form_end();
    return w.take();
}

http::Response show(web::Context& ctx, const RequestInput& in, const Errors& e, int status, bool files_were_sent = false) {
    const auto& tr = ctx.tr;
    auto sh = ctx.shell({{tr("Requests"), ctx.url("/requests")}, {tr("Make a request"), ""}});
    sh.has_errors = status == 422;
    web::add_map_assets(sh, ctx, "js/request-map.js");  // only when the install has a tile server
    return ctx.page(std::move(sh), tr("Make a request"), form_body(ctx, in, e, files_were_sent), status);
}

// ?type=<id or code> preselects a type (links from elsewhere), and with it the type's default
// for public or private.
RequestInput defaults(web::Context& ctx) {
    RequestInput in;
    const auto wanted = ctx.query.value("type");
    if (wanted.empty()) return in;
    for (const auto& t : request_types(ctx))
        if (std::to_string(t.id) == wanted || t.code == wanted) {
            in.type = std::to_string(t.id);
            in.is_public = t.public_default;
        }
    return in;
}

}  // namespace

void install_form_pages(web::App& app) {
    app.get("/requests/new", [](web::Context& ctx) {
        ctx.require_login();
        return show(ctx, defaults(ctx), Errors(ctx.tr), 200);
    });
    app.post("/requests/new", [](web::Context& ctx) {
        ctx.require_login();
        const auto in = read_form(ctx.form);
        try {
            const auto id = submit(ctx, in, ctx.files);
            return ctx.redirect(public_path(id),
                                N_("Your request has been submitted. You will get an e-mail when the municipality answers or its status changes."));
        } catch (const web::Invalid& inv) {
            Errors e = for_form(inv.errors);
            e.tr = &ctx.tr;
            return show(ctx, in, e, 422, !ctx.files.empty());
        }
    }, {.body = web::Body::Upload});
}

}  // namespace syn::requests::ui
