// The municipality's appearance, for its administrator: the English name, the brand colour and
// the logo (/admin/settings), with a link to its own holidays.
#include <nlohmann/json.hpp>

#include "modules/settings/pages.hpp"
#include "platform/audit/audit.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/theme.hpp"
#include "platform/text/text.hpp"

namespace syn::settings {

namespace {

struct Appearance { std::string name_en, brand_colour, logo_url; };

// A logo is either one of our own assets or an https address; nothing that could run script.
bool acceptable_logo(const std::string& url) {
    if (url.empty()) return true;
    if (url.size() > 500 || url.find_first_of(" \"'<>\\") != std::string::npos) return false;
    return url.starts_with("https://") || (url.starts_with("/static/") && url.find("..") == std::string::npos);
}

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
    w << html::input({.name = "logo_url", .label = tr("Logo address"), .value = a.logo_url,
                      .hint = tr("An https:// address of the logo image. Leave empty for the default emblem."), .type = "url"}, e);
    w << html::button(tr("Save settings"));
    w << html::form_end();
    w("<h2>{}</h2><p><a href=\"{}\">{}</a></p>", tr("Holidays"), ctx.url("/admin/settings/holidays"),
      tr("The municipality's own holidays, which deadlines in working days skip"));
    return w.take();
}

http::Response show(web::Context& ctx) {
    ctx.require("tenant.configure");
    Appearance a{ctx.tenant.name_en, ctx.tenant.brand_colour, ctx.tenant.logo_url};
    return ctx.page(ctx.tr("Municipality settings"), form(ctx, a, html::Errors(ctx.tr)), {{ctx.tr("Municipality settings"), ""}});
}

http::Response save(web::Context& ctx) {
    ctx.require("tenant.configure");
    auto& tr = ctx.tr;
    Appearance a{text::trim(ctx.form.value("name_en")), text::trim(ctx.form.value("brand_colour")), text::trim(ctx.form.value("logo_url"))};
    html::Errors e(tr);
    if (a.name_en.size() > 120 || !text::valid_utf8_text(a.name_en) || a.name_en.find('\n') != std::string::npos)
        e.add("name_en", tr("The English name must be one line of 120 characters or fewer"));
    auto colour = html::normalise_hex_colour(a.brand_colour);
    if (!colour) e.add("brand_colour", tr("Enter the colour as # followed by 3 or 6 hexadecimal digits, like #003476"));
    if (!acceptable_logo(a.logo_url)) e.add("logo_url", tr("The logo address must start with https://"));
    if (!e.empty())
        return ctx.page(tr("Municipality settings"), form(ctx, a, e), {{tr("Municipality settings"), ""}}, 422);
    ctx.db.transact([&](soci::session& s) {
        web::update_tenant_appearance(s, ctx.tenant.id, a.name_en, *colour, a.logo_url);
        audit::append(s, {ctx.tenant.id, ctx.principal.user_id, "tenant.settings_changed", "municipality:" + std::to_string(ctx.tenant.id),
                          nlohmann::json{{"name_en", a.name_en}, {"brand_colour", *colour}, {"logo_url", a.logo_url}}.dump()});
    });
    ctx.app.tenants().reload();
    return ctx.redirect("/admin/settings", N_("The settings have been saved."));
}

}  // namespace

void install_appearance_pages(web::App& app) {
    app.get("/admin/settings", show);
    app.post("/admin/settings", save);
}

}  // namespace syn::settings
