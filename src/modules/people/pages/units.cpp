// The municipality's units for its administrator (/admin/units): the tree with each unit's kind,
// mailbox and state, a form to add one, and each unit's page to change, nest or retire it.
#include "modules/people/pages.hpp"
#include "modules/people/pages/shared.hpp"
#include "platform/html/components.hpp"
#include "platform/html/writer.hpp"
#include "platform/web/components.hpp"

namespace syn::people {

namespace {

using html::Errors;
using html::Writer;
using namespace pages;

UnitInput read_form(const web::Context& ctx) {
    return {ctx.form.value("name_el"), ctx.form.value("name_en"), ctx.form.value("kind"), ctx.form.value("parent_id"),
            ctx.form.value("email")};
}

UnitInput input_of(const auth::Unit& u) {
    return {u.name_el, u.name_en, u.kind, u.parent_id ? std::to_string(*u.parent_id) : "", u.email};
}

std::string unit_path(std::int64_t id) { return std::string(kUnitsPath) + "/" + std::to_string(id); }

html::Html unit_fields(const i18n::Tr& tr, const UnitInput& in, const std::vector<UnitRow>& all, std::optional<std::int64_t> id,
                       const Errors& e) {
    Writer w;
    w << html::input({.name = "name_el", .label = tr("Name in Greek"), .value = in.name_el, .hint = tr("As it appears in the municipality's organisation chart, e.g. «Τμήμα Καθαριότητας»")}, e);
    w << html::input({.name = "name_en", .label = tr("Name in English (optional)"), .value = in.name_en}, e);
    std::vector<html::Option> kinds;
    for (auto k : auth::kUnitKinds) kinds.push_back({std::string(k), tr(kind_label(k))});
    w << html::radios({.name = "kind", .label = tr("Kind of unit"), .value = in.kind.empty() ? "department" : in.kind}, kinds, e);
    // A unit cannot go below itself or one of its own: those are left out of the choice.
    std::vector<UnitRow> parents;
    std::optional<int> skip_below;
    for (const auto& r : all) {
        if (skip_below && r.depth > *skip_below) continue;
        skip_below.reset();
        if (id && r.unit.id == *id) {
            skip_below = r.depth;
            continue;
        }
        parents.push_back(r);
    }
    w << html::select({.name = "parent_id", .label = tr("Part of"), .value = in.parent_id,
                       .hint = tr("The unit it belongs to. People with a role in that unit act in this one too.")},
                      unit_options(parents, tr, {"", tr("None (directly under the municipality)")}), e);
    w << html::input({.name = "email", .label = tr("Shared e-mail address (optional)"), .value = in.email, .type = "email",
                      .autocomplete = "off"}, e);
    return w.take();
}

http::Response list_page(web::Context& ctx, const UnitInput& in, const Errors& e, int status) {
    ctx.require(kPermManage);
    auto& tr = ctx.tr;
    const auto all = units(ctx);
    Writer w;
    w << html::error_summary(tr, e);
    w("<p>{}</p>", tr("The municipality's departments, structures (a social grocery, a counselling centre) and committees. Roles such as staff are given in a unit, and reach the units below it."));
    w("<p><a href=\"{}\">{}</a></p>", ctx.url(kPeoplePath), tr("People and their roles"));
    if (all.empty()) {
        w("<p>{}</p>", tr("There are no units yet."));
    } else {
        html::Table t;
        t.caption = tr("Units of the municipality");
        t.head = {tr("Unit"), tr("Kind"), tr("Shared e-mail address"), tr("State"), tr("Action")};
        t.first_column_is_header = true;
        for (const auto& r : all) {
            const auto name = r.unit.name(tr.lang() == i18n::Lang::En ? "en" : "el");
            Writer cell;
            cell("<span class=\"unit-depth-{}\">{}</span>", std::min(r.depth, 5), name);
            Writer act;
            act("<a href=\"{}\">{}<span class=\"visually-hidden\"> {}</span></a>", ctx.url(unit_path(r.unit.id)), tr("Change"), name);
            t.rows.push_back({cell.take(), html::text(tr(kind_label(r.unit.kind))), html::text(r.unit.email.empty() ? "—" : r.unit.email),
                              r.unit.retired ? html::tag(tr("Retired"), "grey") : html::tag(tr("In use"), "green"), act.take()});
        }
        w << html::table(t);
    }
    w("<h2>{}</h2>", tr("Add a unit"));
    w << html::form_start(ctx.url(kUnitsPath));
    w << html::csrf_input(ctx.csrf_token());
    w << unit_fields(tr, in, all, std::nullopt, e);
    w << html::button(tr("Add the unit"));
    w << html::form_end();
    return ctx.page(tr("Units of the municipality"), w.take(), {{tr("People"), ctx.url(kPeoplePath)}, {tr("Units of the municipality"), ""}}, status);
}

http::Response unit_page(web::Context& ctx, std::int64_t id, const std::optional<UnitInput>& typed, const Errors& e, int status) {
    ctx.require(kPermManage);
    auto& tr = ctx.tr;
    const auto all = units(ctx);
    const auth::Unit* u = nullptr;
    for (const auto& r : all)
        if (r.unit.id == id) u = &r.unit;
    if (!u) throw web::NotFound();
    const auto name = u->name(tr.lang() == i18n::Lang::En ? "en" : "el");
    Writer w;
    w << html::error_summary(tr, e);
    if (u->retired) w << html::inset_text(html::text(tr("This unit is retired: it is kept for the records that name it, and offered for nothing new.")));
    w("<p><a href=\"{}\">{}</a></p>", ctx.url(std::string(kPeoplePath) + "?unit=" + std::to_string(id)), tr("People with a role in this unit"));
    w << html::form_start(ctx.url(unit_path(id)));
    w << html::csrf_input(ctx.csrf_token());
    w << unit_fields(tr, typed ? *typed : input_of(*u), all, id, e);
    w << html::button(tr("Save the unit"));
    w << html::form_end();
    if (u->retired) {
        w << web::post_button(ctx, unit_path(id) + "/reinstate", tr("Put back in use"), name);
    } else {
        w("<h2>{}</h2>", tr("Retire the unit"));
        w("<p id=\"retire\">{}</p>", tr("A unit that closed or merged is retired rather than deleted. Withdraw its people's roles and move what it answers to another unit first."));
        w << web::post_button(ctx, unit_path(id) + "/retire", tr("Retire the unit"), name, "warning");
    }
    return ctx.page(name, w.take(),
                    {{tr("People"), ctx.url(kPeoplePath)}, {tr("Units of the municipality"), ctx.url(kUnitsPath)}, {name, ""}}, status);
}

http::Response show_list(web::Context& ctx) { return list_page(ctx, {}, Errors(ctx.tr), 200); }

http::Response add(web::Context& ctx) {
    const auto in = read_form(ctx);
    std::int64_t id = 0;
    try {
        id = save_unit(ctx, std::nullopt, in);
    } catch (const web::Invalid& e) {
        return list_page(ctx, in, e.errors, 422);
    }
    return ctx.redirect(unit_path(id), N_("The unit has been added."));
}

http::Response show_unit(web::Context& ctx) { return unit_page(ctx, ctx.id_param(), std::nullopt, Errors(ctx.tr), 200); }

http::Response save(web::Context& ctx) {
    const auto id = ctx.id_param();
    const auto in = read_form(ctx);
    try {
        save_unit(ctx, id, in);
    } catch (const web::Invalid& e) {
        return unit_page(ctx, id, in, e.errors, 422);
    }
    return ctx.redirect(unit_path(id), N_("The unit has been saved."));
}

http::Response retire(web::Context& ctx) {
    const auto id = ctx.id_param();
    try {
        retire_unit(ctx, id);
    } catch (const web::Invalid& e) {
        return unit_page(ctx, id, std::nullopt, e.errors, 422);
    }
    return ctx.redirect(unit_path(id), N_("The unit has been retired."));
}

http::Response reinstate(web::Context& ctx) {
    const auto id = ctx.id_param();
    reinstate_unit(ctx, id);
    return ctx.redirect(unit_path(id), N_("The unit is in use again."));
}

}  // namespace

void install_unit_pages(web::App& app) {
    app.get(kUnitsPath, show_list);
    app.post(kUnitsPath, add);
    app.get(std::string(kUnitsPath) + "/{id}", show_unit);
    app.post(std::string(kUnitsPath) + "/{id}", save);
    app.post(std::string(kUnitsPath) + "/{id}/retire", retire);
    app.post(std::string(kUnitsPath) + "/{id}/reinstate", reinstate);
}

}  // namespace syn::people
