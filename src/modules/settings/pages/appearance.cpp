// The municipality's appearance, for its administrator: the English name, the brand colour and
// the logo (/admin/settings), with a link to its own holidays; and the logo itself (/logo/<hash>).
#include <nlohmann/json.hpp>

#include "modules/settings/pages.hpp"
#include "modules/settings/service.hpp"
#include "platform/audit/audit.hpp"
#include "platform/html/components.hpp"
#include "platform/html/fields.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/theme.hpp"
#include "platform/text/text.hpp"

namespace syn::settings {

namespace {

struct Appearance { std::string name_en, brand_colour; };

html::Html form(web::Context& ctx, const Appearance& a, const html::Errors& e) {
    auto& tr = ctx.tr;
    html::Writer w;
    w << html::error_summary(tr, e);
    w("<p>{}</p>", tr("These settings change how the platform looks for everyone in your municipality."));
    w << html::form_start(ctx.url("/admin/settings"));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "name_en", .label = tr("Name of the municipality in English"), .value = a.name_en,
                      .hint = tr("Shown after «Municipality of» on the English pages, e.g. Kalamata")}, e);
    w << html::input({.name = "brand_colour", .label = tr("Brand colour"), .value = a.brand_colour,
                      .hint = tr("A hexadecimal colour such as #003476. Colours too light to read on white are darkened automatically.")}, e);
    w << html::button(tr("Save settings"));
    w << html::form_end();
    return w.take();
}

// Its own form: a file goes as multipart, and a refused image must not lose the name and colour.
html::Html logo_form(web::Context& ctx, const html::Errors& e) {
    auto& tr = ctx.tr;
    html::Writer w;
    w("<h2>{}</h2>", tr("Logo"));
    if (ctx.tenant.logo_url.starts_with("/logo/")) {
        w("<p>{}</p><p><img class=\"settings-logo\" src=\"{}\" alt=\"{}\" width=\"96\" height=\"96\"></p>",
          tr("This logo shows at the top of every page. Uploading another replaces it."), ctx.url(ctx.tenant.logo_url), tr("The current logo"));
    } else {
        w("<p>{}</p>", tr("The pages show the default emblem until you upload the municipality's logo."));
    }
    w << html::form_start(ctx.url("/admin/settings/logo"), "post", true);
    w << html::csrf_input(ctx.csrf_token());
    w << html::file_input({.name = "logo", .label = tr("Logo image"),
                           .hint = tr("PNG, JPEG or SVG, up to 2 MB. A square image looks best.")}, e, "image/png,image/jpeg,image/svg+xml");
    w << html::button(tr("Upload the logo"), "secondary");
    w << html::form_end();
    if (ctx.tenant.logo_url.starts_with("/logo/")) {
        w << html::form_start(ctx.url("/admin/settings/logo/remove"));
        w << html::csrf_input(ctx.csrf_token());
        w << html::button(tr("Use the default emblem again"), "secondary");
        w << html::form_end();
    }
    w("<h2>{}</h2><p><a href=\"{}\">{}</a></p>", tr("Holidays"), ctx.url("/admin/settings/holidays"),
      tr("The municipality's own holidays, which deadlines in working days skip"));
    w("<h2>{}</h2><p><a href=\"{}\">{}</a></p>", tr("Areas"), ctx.url("/admin/settings/places"),
      tr("The municipal units, communities and neighbourhoods that forms offer as a list"));
    return w.take();
}

http::Response settings_page(web::Context& ctx, const Appearance& a, const html::Errors& appearance_errors,
                             const html::Errors& logo_errors, int status) {
    html::Writer w;
    w << html::error_summary(ctx.tr, logo_errors);
    w << form(ctx, a, appearance_errors);
    w << logo_form(ctx, logo_errors);
    return ctx.page(ctx.tr("Municipality settings"), w.take(), {{ctx.tr("Municipality settings"), ""}}, status);
}

http::Response show(web::Context& ctx) {
    ctx.require("tenant.configure");
    return settings_page(ctx, {ctx.tenant.name_en, ctx.tenant.brand_colour}, html::Errors(ctx.tr), html::Errors(ctx.tr), 200);
}

http::Response save(web::Context& ctx) {
    ctx.require("tenant.configure");
    auto& tr = ctx.tr;
    Appearance a{text::trim(ctx.form.value("name_en")), text::trim(ctx.form.value("brand_colour"))};
    html::Errors e(tr);
    if (a.name_en.size() > 120 || !text::valid_utf8_text(a.name_en) || a.name_en.find('\n') != std::string::npos)
        e.add("name_en", tr("The English name must be one line of 120 characters or fewer"));
    auto colour = html::normalise_hex_colour(a.brand_colour);
    if (!colour) e.add("brand_colour", tr("Enter the colour as # followed by 3 or 6 hexadecimal digits, like #003476"));
    if (!e.empty()) return settings_page(ctx, a, e, html::Errors(tr), 422);
    ctx.db.transact([&](soci::session& s) {
        web::update_tenant_appearance(s, ctx.tenant.id, a.name_en, *colour);
        audit::append(s, {ctx.tenant.id, ctx.principal.user_id, "tenant.settings_changed", "municipality:" + std::to_string(ctx.tenant.id),
                          nlohmann::json{{"name_en", a.name_en}, {"brand_colour", *colour}}.dump()});
    });
    ctx.app.tenants().reload();
    return ctx.redirect("/admin/settings", N_("The settings have been saved."));
}

http::Response upload_logo(web::Context& ctx) {
    ctx.require("tenant.configure");
    http::Part file;
    for (const auto& p : ctx.files)
        if (p.name == "logo") file = p;
    try {
        set_logo(ctx, file);
    } catch (const web::Invalid& inv) {
        return settings_page(ctx, {ctx.tenant.name_en, ctx.tenant.brand_colour}, html::Errors(ctx.tr), inv.errors, 422);
    }
    ctx.app.tenants().reload();
    return ctx.redirect("/admin/settings", N_("The logo has been saved."));
}

http::Response drop_logo(web::Context& ctx) {
    remove_logo(ctx);
    ctx.app.tenants().reload();
    return ctx.redirect("/admin/settings", N_("The pages show the default emblem again."));
}

// The address changes with every new logo, so browsers and nginx may keep it for a year. An
// SVG opened on its own gets a policy that lets it run nothing, as a second guard after the
// upload's check.
http::Response serve_logo(web::Context& ctx) {
    auto image = logo(ctx, ctx.param("hash"));
    if (!image) throw web::NotFound();
    http::Response r;
    r.headers.set("Content-Type", image->mime);
    r.headers.set("Cache-Control", "public, max-age=31536000, immutable");
    r.headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    r.body = std::move(image->bytes);
    return r;
}

}  // namespace

void install_appearance_pages(web::App& app) {
    app.get("/admin/settings", show);
    app.post("/admin/settings", save);
    app.post("/admin/settings/logo", upload_logo, {.body = web::Body::Upload});
    app.post("/admin/settings/logo/remove", drop_logo);
    app.get("/logo/{hash}", serve_logo);
}

}  // namespace syn::settings
