// The people who hold a role in the municipality, for its administrator (/admin/people): the
// list with a search and filters by role and unit, its CSV download, a person's page with their
// roles (give one, withdraw one, deactivate them, reset a lost second factor), and the
// invitation form.
#include <memory>

#include "modules/people/pages.hpp"
#include "modules/people/pages/shared.hpp"
#include "platform/auth/units.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/html/components.hpp"
#include "platform/html/writer.hpp"
#include "platform/web/export.hpp"
#include "platform/text/number.hpp"
#include "platform/web/components.hpp"
#include "platform/web/list.hpp"

namespace syn::people {

namespace {

using html::Errors;
using html::Writer;
using namespace pages;

constexpr int kPerPage = 50;

std::string person_path(std::int64_t id) { return std::string(kPeoplePath) + "/" + std::to_string(id); }

// Built once per municipality, language and change of units (their names are the unit filter's).
web::ListFilters filters(const web::Context& ctx, const std::vector<UnitRow>& all) {
    static cache::ReadCache<web::ListFilters> cache(2000, std::chrono::seconds(5));
    return cache.get(std::to_string(ctx.tenant.id) + "|" + std::string(i18n::code(ctx.tr.lang())), auth::units_generation(), [&] {
        auto& tr = ctx.tr;
        return std::make_shared<const std::vector<web::ListFilter>>(std::vector<web::ListFilter>{
            {.kind = web::ListFilter::Kind::Search, .name = "q", .label = tr("Name or e-mail address")},
            {.kind = web::ListFilter::Kind::Select, .name = "role", .label = tr("Role"), .options = role_options(tr, {"", tr("All roles")})},
            {.kind = web::ListFilter::Kind::Select, .name = "unit", .label = tr("Unit"), .options = unit_options(all, tr, {"", tr("All units")})},
        });
    });
}

PeopleQuery query_of(const web::ListPage& list) {
    PeopleQuery q;
    q.search = list.value("q");
    q.role = list.value("role");
    q.unit_id = text::parse_id(list.value("unit"));
    return q;
}

std::string roles_text(const i18n::Tr& tr, const Person& p, const std::vector<UnitRow>& all) {
    std::string out;
    for (const auto& g : p.grants) out += (out.empty() ? "" : "; ") + grant_label(tr, g.role, g.unit_id, all);
    return out;
}

http::Response list(web::Context& ctx) {
    ctx.require(kPermManage);
    auto& tr = ctx.tr;
    const auto all = units(ctx);
    web::ListPage page(ctx, kPeoplePath, filters(ctx, all));
    const auto list = people(ctx, query_of(page));
    const auto& found = list.matches;
    const int pages = std::max<int>(1, static_cast<int>((found.size() + kPerPage - 1) / kPerPage));
    page.clamp_page(pages);

    Writer w;
    w("<p>{}</p>", tr("Everyone who holds a role in the municipality: its staff, administrators, auditors, committee members and social workers. Invite someone to give them their first role; they get an e-mail to choose a password."));
    w << html::button_link(tr("Invite a person"), ctx.url(std::string(kPeoplePath) + "/invite"));
    w("<p><a href=\"{}\">{}</a></p>", ctx.url(kUnitsPath), tr("Units of the municipality"));
    w << page.form({tr("Search people"), tr("Search"), tr("Clear search and filters")});
    w("<p role=\"status\">{}</p>", tr.tn("{} person", "{} people", static_cast<long>(found.size())));
    if (!found.empty()) {
        html::Table t;
        t.caption = tr("People with a role in the municipality");
        t.head = {tr("Name"), tr("E-mail address"), tr("Roles")};
        t.first_column_is_header = true;
        const std::size_t from = static_cast<std::size_t>(page.page() - 1) * kPerPage;
        for (std::size_t i = from; i < found.size() && i < from + kPerPage; ++i) {
            const auto& p = *found[i];
            Writer name;
            name("<a href=\"{}\">{}</a>", ctx.url(person_path(p.user_id)), p.display_name.empty() ? p.email : p.display_name);
            if (!p.verified) name << html::tag(tr("Invited"), "blue");
            t.rows.push_back({name.take(), html::text(p.email), html::text(roles_text(tr, p, all))});
        }
        w << html::table(t);
        w << page.pagination(pages);
        w << web::export_links(tr, ctx.url(kPeoplePath), page.query_string());
    }
    return ctx.page(tr("People"), w.take(), {{tr("People"), ""}});
}

// The list as a file, with the same filters as the page (web/export.hpp).
http::Response list_export(web::Context& ctx, web::ExportFormat format) {
    ctx.require(kPermManage);
    auto& tr = ctx.tr;
    const auto all = units(ctx);
    const web::ListPage page(ctx, kPeoplePath, filters(ctx, all));
    web::ExportTable t;
    t.sheet_name = tr("People");
    t.headings = {tr("Name"), tr("E-mail address"), tr("Roles"), tr("Has accepted the invitation")};
    const auto list = people(ctx, query_of(page));
    for (const auto* p : list.matches)
        t.rows.push_back({p->display_name, p->email, roles_text(tr, *p, all), p->verified ? tr("Yes") : tr("No")});
    return web::export_response(t, format, "people-" + ctx.tenant.slug);
}

http::Response person_page(web::Context& ctx, std::int64_t id, const GrantInput& in, const Errors& e, int status) {
    ctx.require(kPermManage);
    auto& tr = ctx.tr;
    const auto p = person(ctx, id);
    const auto all = units(ctx);
    const auto title = p.display_name.empty() ? p.email : p.display_name;
    Writer w;
    w << html::error_summary(tr, e);
    w << html::summary_list({{tr("E-mail address"), html::text(p.email)},
                             {tr("Account"), html::text(p.verified ? tr("In use") : tr("Invited; has not chosen a password yet"))},
                             {tr("Two-step log-in"), html::text(p.second_factor ? tr("Set up") : tr("Not set up yet"))}});
    html::Table t;
    t.caption = tr("Roles in the municipality");
    t.head = {tr("Role"), tr("Since"), tr("Action")};
    t.first_column_is_header = true;
    for (const auto& g : p.grants) {
        const auto label = grant_label(tr, g.role, g.unit_id, all);
        t.rows.push_back({html::text(label), html::text(i18n::format_date(tr, g.granted_at)),
                          web::post_button(ctx, person_path(id) + "/grants/" + std::to_string(g.id) + "/withdraw", tr("Withdraw"), label, "warning")});
    }
    w("<div id=\"withdraw\">");
    w << html::table(t);
    w("</div>");
    w("<h2>{}</h2>", tr("Give a role"));
    w << html::form_start(ctx.url(person_path(id) + "/grants"));
    w << html::csrf_input(ctx.csrf_token());
    w << grant_fields(tr, in, all, e);
    w << html::button(tr("Give the role"));
    w << html::form_end();
    if (p.second_factor) {
        w("<h2>{}</h2>", tr("Lost phone"));
        w("<p>{}</p>", tr("If the person lost the phone with their authenticator app and their recovery codes, remove their two-step log-in: they set it up again at their next log-in."));
        w << web::post_button(ctx, person_path(id) + "/second-factor/reset", tr("Reset two-step log-in"), title, "secondary");
    }
    w("<h2 id=\"deactivate\">{}</h2>", tr("Leaving the municipality"));
    w("<p>{}</p>", tr("For a member of staff who left: every role here is withdrawn, they are logged out everywhere, and the requests assigned to them go back to their unit's queue. Their account stays, for what they wrote."));
    w << web::post_button(ctx, person_path(id) + "/deactivate", tr("Deactivate"), title, "warning");
    return ctx.page(title, w.take(), {{tr("People"), ctx.url(kPeoplePath)}, {title, ""}}, status);
}

http::Response show_person(web::Context& ctx) { return person_page(ctx, ctx.id_param(), {}, Errors(ctx.tr), 200); }

http::Response add_grant(web::Context& ctx) {
    const auto id = ctx.id_param();
    const GrantInput in{ctx.form.value("role"), ctx.form.value("unit_id")};
    try {
        grant(ctx, id, in);
    } catch (const web::Invalid& e) {
        return person_page(ctx, id, in, e.errors, 422);
    }
    return ctx.redirect(person_path(id), N_("The role has been given."));
}

http::Response withdraw_grant(web::Context& ctx) {
    const auto id = ctx.id_param();
    try {
        withdraw(ctx, id, ctx.id_param("gid"));
    } catch (const web::Invalid& e) {
        return person_page(ctx, id, {}, e.errors, 422);
    }
    return ctx.redirect(person_path(id), N_("The role has been withdrawn."));
}

http::Response deactivate_person(web::Context& ctx) {
    const auto id = ctx.id_param();
    try {
        deactivate(ctx, id);
    } catch (const web::Invalid& e) {
        return person_page(ctx, id, {}, e.errors, 422);
    }
    return ctx.redirect(kPeoplePath, N_("The person has been deactivated: their roles are withdrawn and their requests are back in their units' queues."));
}

http::Response reset_person_second_factor(web::Context& ctx) {
    const auto id = ctx.id_param();
    reset_second_factor(ctx, id);
    return ctx.redirect(person_path(id), N_("Two-step log-in has been reset. The person sets it up again at their next log-in."));
}

http::Response invite_page(web::Context& ctx, const InviteInput& in, const Errors& e, int status) {
    ctx.require(kPermManage);
    auto& tr = ctx.tr;
    const auto all = units(ctx);
    Writer w;
    w << html::error_summary(tr, e);
    w("<p>{}</p>", tr("The person gets an e-mail with a link to choose a password, valid for 7 days. If they already have an account with this address, they are given the role and told by e-mail."));
    w << html::form_start(ctx.url(std::string(kPeoplePath) + "/invite"));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "email", .label = tr("E-mail address"), .value = in.email, .type = "email", .autocomplete = "off"}, e);
    w << html::input({.name = "display_name", .label = tr("Full name"), .value = in.display_name, .autocomplete = "off"}, e);
    w << grant_fields(tr, in.grant, all, e);
    w << html::button(tr("Send the invitation"));
    w << html::form_end();
    return ctx.page(tr("Invite a person"), w.take(), {{tr("People"), ctx.url(kPeoplePath)}, {tr("Invite a person"), ""}}, status);
}

http::Response show_invite(web::Context& ctx) { return invite_page(ctx, {}, Errors(ctx.tr), 200); }

http::Response send_invite(web::Context& ctx) {
    const InviteInput in{ctx.form.value("email"), ctx.form.value("display_name"), {ctx.form.value("role"), ctx.form.value("unit_id")}};
    std::int64_t id = 0;
    try {
        id = invite(ctx, in);
    } catch (const web::Invalid& e) {
        return invite_page(ctx, in, e.errors, 422);
    }
    return ctx.redirect(person_path(id), N_("The invitation has been sent."));
}

}  // namespace

void install_people_pages(web::App& app) {
    app.get(kPeoplePath, list);
    app.get(std::string(kPeoplePath) + ".csv", [](web::Context& ctx) { return list_export(ctx, web::ExportFormat::Csv); });
    app.get(std::string(kPeoplePath) + ".xlsx", [](web::Context& ctx) { return list_export(ctx, web::ExportFormat::Xlsx); });
    app.get(std::string(kPeoplePath) + "/invite", show_invite);
    app.post(std::string(kPeoplePath) + "/invite", send_invite);
    app.get(std::string(kPeoplePath) + "/{id}", show_person);
    app.post(std::string(kPeoplePath) + "/{id}/grants", add_grant);
    app.post(std::string(kPeoplePath) + "/{id}/grants/{gid}/withdraw", withdraw_grant);
    app.post(std::string(kPeoplePath) + "/{id}/deactivate", deactivate_person);
    app.post(std::string(kPeoplePath) + "/{id}/second-factor/reset", reset_person_second_factor);
}

}  // namespace syn::people
