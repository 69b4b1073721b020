// The municipality's areas, for its administrator (/admin/settings/places): the list with what
// each lies in, a form to add one, and a button to retire (or restore) each. Organisations and
// requests choose from the areas that are not retired.
#include "modules/settings/pages.hpp"
#include "modules/settings/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/forms.hpp"
#include "platform/web/components.hpp"

namespace syn::settings {

namespace {

constexpr const char* kPath = "/admin/settings/places";

PlaceInput read_form(const web::Context& ctx) { return {ctx.form.value("name"), ctx.form.value("kind"), ctx.form.value("parent")}; }

http::Response page(web::Context& ctx, const PlaceInput& in, const html::Errors& e, int status) {
    ctx.require("tenant.configure");
    auto& tr = ctx.tr;
    html::Writer w;
    w << html::error_summary(tr, e);
    w("<p>{}</p>", tr("The areas of the municipality: its municipal units, communities and neighbourhoods. Forms offer them as a list, "
                      "so every organisation and request of one area is found under one name."));
    const auto all = places(ctx);
    if (all.empty()) {
        w("<p>{}</p>", tr("The municipality has no areas yet."));
    } else {
        html::Table t;
        t.caption = tr("Areas of the municipality");
        t.head = {tr("Area"), tr("Kind"), tr("State"), tr("Action")};
        for (const auto& p : all) {
            const auto path = std::string(kPath) + "/" + std::to_string(p.id) + (p.retired ? "/restore" : "/retire");
            t.rows.push_back({html::text(web::place_path(all, p)), html::text(tr(web::place_kind_msgid(p.kind))),
                              p.retired ? html::tag(tr("Retired"), "grey") : html::tag(tr("Offered"), "green"),
                              web::post_button(ctx, path, p.retired ? tr("Offer it again") : tr("Retire"), p.name, "secondary")});
        }
        w << html::table(t);
    }
    w("<h2>{}</h2>", tr("Add an area"));
    w << html::form_start(ctx.url(kPath));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "name", .label = tr("Name"), .value = in.name, .hint = tr("As people write it, e.g. «Ταμπάκικα»")}, e);
    w << html::select({.name = "kind", .label = tr("Kind"), .value = in.kind.empty() ? "neighbourhood" : in.kind},
                      {{"unit", tr(web::place_kind_msgid(web::PlaceKind::Unit))},
                       {"community", tr(web::place_kind_msgid(web::PlaceKind::Community))},
                       {"neighbourhood", tr(web::place_kind_msgid(web::PlaceKind::Neighbourhood))}},
                      e);
    std::vector<html::Option> parents{{"", tr("Nowhere else: the whole municipality")}};
    for (const auto& p : all)
        if (!p.retired) parents.push_back({std::to_string(p.id), web::place_path(all, p)});
    w << html::select({.name = "parent", .label = tr("Lies in"), .value = in.parent}, parents, e);
    w << html::button(tr("Add the area"));
    w << html::form_end();
    return ctx.page(tr("Areas of the municipality"), w.take(),
                    {{tr("Municipality settings"), ctx.url("/admin/settings")}, {tr("Areas of the municipality"), ""}}, status);
}

http::Response show(web::Context& ctx) { return page(ctx, {}, html::Errors(ctx.tr), 200); }

http::Response add(web::Context& ctx) {
    const auto in = read_form(ctx);
    try {
        add_place(ctx, in);
    } catch (const web::Invalid& e) {
        return page(ctx, in, e.errors, 422);
    }
    return ctx.redirect(kPath, N_("The area has been added."));
}

}  // namespace

void install_place_pages(web::App& app) {
    app.get(kPath, show);
    app.post(kPath, add);
    app.post(std::string(kPath) + "/{id}/retire", [](web::Context& ctx) {
        set_place_retired(ctx, ctx.id_param(), true);
        return ctx.redirect(kPath, N_("The area is no longer offered."));
    });
    app.post(std::string(kPath) + "/{id}/restore", [](web::Context& ctx) {
        set_place_retired(ctx, ctx.id_param(), false);
        return ctx.redirect(kPath, N_("The area is offered again."));
    });
}

}  // namespace syn::settings
