// The tenant admin's requests configuration: departments and who works in each, request types,
// and the Open311 API keys given to outside applications. Every page needs
// "requests.configure"; the service checks it again on every change (rule 5).
//
// Forms come back with an error summary and the typed values (422); a saved change redirects
// with a one-time message. A department's own forms show only when it is selected
// (?department=ID), so that no two fields on the page share an id.
#include <fmt/format.h>

#include "modules/requests/pages.hpp"
#include "modules/requests/pages/shared.hpp"
#include "modules/requests/service.hpp"
#include "platform/html/components.hpp"
#include "platform/text/number.hpp"

namespace syn::requests {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

constexpr const char* kDepartmentsPath = "/admin/requests/departments";
constexpr const char* kTypesPath = "/admin/requests/types";
constexpr const char* kKeysPath = "/admin/requests/api-keys";

std::string department_path(std::int64_t id, std::string_view rest = {}) {
    return fmt::format("{}/{}{}", kDepartmentsPath, id, rest);
}

std::vector<html::Crumb> crumbs(web::Context& ctx, const std::string& section, const std::string& section_href = {},
                                const std::string& current = {}) {
    std::vector<html::Crumb> c{{ctx.tr("Requests queue"), ctx.url("/admin/requests")}};
    c.push_back({section, section_href.empty() ? std::string() : ctx.url(section_href)});
    if (!current.empty()) c.push_back({current, ""});
    return c;
}

// The three configuration pages link to one another.
Html config_nav(web::Context& ctx, std::string_view here) {
    auto& tr = ctx.tr;
    Writer w;
    w("<nav aria-label=\"{}\"><ul class=\"button-group\">", tr("Requests configuration"));
    const std::pair<const char*, std::string> links[] = {
        {kDepartmentsPath, tr("Departments")}, {kTypesPath, tr("Request types")}, {kKeysPath, tr("Open311 API keys")}};
    for (const auto& [path, label] : links) {
        if (here == path) w("<li><a href=\"{}\" aria-current=\"page\">{}</a></li>", ctx.url(path), label);
        else w("<li><a href=\"{}\">{}</a></li>", ctx.url(path), label);
    }
    w("</ul></nav>");
    return w.take();
}

std::string name_of(const i18n::Tr& tr, const Department& d) { return ui::local_name(tr, d.name_el, d.name_en); }

std::optional<std::int64_t> query_id(const web::Context& ctx, std::string_view name) {
    const auto v = ctx.query.value(name);
    if (v.empty()) return std::nullopt;
    return text::parse_id(v);
}

// ---------------------------------------------------------------- departments

// What a department form sends back when it fails.
struct DepartmentTyped {
    std::optional<std::int64_t> id;  // nullopt: the "new department" form
    Department department;
    std::string staff_email;
    bool staff_supervisor = false;
    bool staff_form = false;  // the error belongs to the add-staff form
};

Html department_fields(web::Context& ctx, const Department& d, const Errors& e) {
    auto& tr = ctx.tr;
    Writer w;
    w << html::input({.name = "name_el", .label = tr("Name in Greek"), .value = d.name_el, .required = true}, e);
    w << html::input({.name = "name_en", .label = tr("Name in English"), .value = d.name_en,
                      .hint = tr("Shown on the English pages. Leave empty to show the Greek name.")}, e);
    // Not "email": the add-staff form beside it on the page owns that name (the route's contract).
    w << html::input({.name = "department_email", .label = tr("Shared e-mail address (optional)"), .value = d.email,
                      .hint = tr("Assignments to the department are also sent here, besides its staff."),
                      .type = "email", .autocomplete = "off"}, e);
    return w.take();
}

Html staff_section(web::Context& ctx, const Department& d, const std::vector<DepartmentStaff>& staff, const Errors& e,
                   const DepartmentTyped& typed) {
    auto& tr = ctx.tr;
    Writer w;
    w("<h3>{}</h3>", tr("Staff of the department"));
    std::vector<const DepartmentStaff*> mine;
    for (const auto& m : staff)
        if (m.department_id == d.id) mine.push_back(&m);
    if (mine.empty()) {
        w("<p>{}</p>", tr("Nobody works in this department yet."));
    } else {
        html::Table t;
        t.caption = tr.tf("Staff of «{}»", name_of(tr, d));
        t.head = {tr("Name"), tr("E-mail address"), tr("Supervisor"), tr("Action")};
        for (const auto* m : mine)
            t.rows.push_back({html::text(m->display_name), html::text(m->email),
                              html::text(m->supervisor ? tr("Yes") : tr("No")),
                              web::post_button(ctx, department_path(d.id, fmt::format("/staff/{}/remove", m->user_id)),
                                              tr("Remove"), m->display_name, "warning")});
        w << html::table(t);
    }
    const Errors none(tr);
    const Errors& staff_errors = typed.staff_form ? e : none;
    w("<h3>{}</h3>", tr("Add a member of staff"));
    w << html::form_start(ctx.url(department_path(d.id, "/staff")));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "email", .label = tr("E-mail address"), .value = typed.staff_form ? typed.staff_email : "",
                      .hint = tr("The person needs an account with the role «Municipal staff» or «Municipality administrator» here."),
                      .type = "email", .autocomplete = "off"}, staff_errors);
    w << html::checkbox("supervisor", tr("Supervisor"), typed.staff_form && typed.staff_supervisor,
                        tr("A supervisor may act on the requests of every department, not only this one."));
    w << html::button(tr("Add to the department"));
    w << html::form_end();
    return w.take();
}

http::Response departments_page(web::Context& ctx, const Errors& e, int status, const DepartmentTyped& typed) {
    ctx.require(kPermConfigure);
    auto& tr = ctx.tr;
    const auto list = departments(ctx);
    const auto staff = department_staff(ctx);
    const auto selected_id = typed.id ? typed.id : query_id(ctx, "department");
    const Department* selected = nullptr;
    for (const auto& d : list)
        if (selected_id && d.id == *selected_id) selected = &d;
    if (selected_id && !selected) throw web::NotFound();

    Writer w;
    w << html::error_summary(tr, e);
    w << config_nav(ctx, kDepartmentsPath);
    w("<p>{}</p>", tr("Each request type is answered by one department. Its staff see the department's requests and act on them; supervisors act on every department's requests."));
    if (list.empty()) {
        w("<p>{}</p>", tr("There are no departments yet."));
    } else {
        html::Table t;
        t.caption = tr("Departments of the municipality");
        t.head = {tr("Name"), tr("Shared e-mail address"), tr("Staff"), tr("Action")};
        t.first_column_is_header = true;
        for (const auto& d : list) {
            if (d.retired) continue;
            std::string names;
            for (const auto& m : staff)
                if (m.department_id == d.id) names += (names.empty() ? "" : ", ") + (m.supervisor ? tr.tf("{} (supervisor)", m.display_name) : m.display_name);
            Writer act;
            act("<a href=\"{}\">{}<span class=\"visually-hidden\"> {}</span></a>",
                ctx.url(std::string(kDepartmentsPath) + "?department=" + std::to_string(d.id) + "#department"), tr("Change"),
                name_of(tr, d));
            t.rows.push_back({html::text(name_of(tr, d)), html::text(d.email.empty() ? "—" : d.email),
                              html::text(names.empty() ? "—" : names), act.take()});
        }
        w << html::table(t);
    }

    if (selected) {
        const bool edit_errors = typed.id && !typed.staff_form;
        const Errors none(tr);
        w("<h2 id=\"department\">{}</h2>", tr.tf("Department «{}»", name_of(tr, *selected)));
        w << html::form_start(ctx.url(department_path(selected->id)));
        w << html::csrf_input(ctx.csrf_token());
        w << department_fields(ctx, edit_errors ? typed.department : *selected, edit_errors ? e : none);
        w << html::button(tr("Save the department"));
        w << html::form_end();
        w << staff_section(ctx, *selected, staff, e, typed);
        w("<p><a href=\"{}\">{}</a></p>", ctx.url(kDepartmentsPath), tr("Add a new department instead"));
    } else {
        w("<h2 id=\"new-department\">{}</h2>", tr("Add a department"));
        w << html::form_start(ctx.url(kDepartmentsPath));
        w << html::csrf_input(ctx.csrf_token());
        w << department_fields(ctx, typed.department, e);
        w << html::button(tr("Add the department"));
        w << html::form_end();
    }
    return ctx.page(tr("Departments"), w.take(), crumbs(ctx, tr("Departments")), status);
}

Department department_from_form(const web::Context& ctx) {
    Department d;
    d.name_el = ctx.form.value("name_el");
    d.name_en = ctx.form.value("name_en");
    d.email = ctx.form.get("department_email") ? ctx.form.value("department_email") : ctx.form.value("email");
    return d;
}

// The service names the mailbox field "email"; on this page it is department_email.
Errors department_errors(const Errors& e) {
    Errors out = ui::errors_for(e, {"name_el", "name_en", "email"}, "name_el");
    for (auto& item : out.items)
        if (item.field == "email") item.field = "department_email";
    return out;
}

std::string selected_path(std::int64_t id) { return std::string(kDepartmentsPath) + "?department=" + std::to_string(id); }

http::Response create_department(web::Context& ctx) {
    DepartmentTyped typed;
    typed.department = department_from_form(ctx);
    std::int64_t id = 0;
    try {
        id = save_department(ctx, std::nullopt, typed.department);
    } catch (const web::Invalid& inv) {
        return departments_page(ctx, department_errors(inv.errors), 422, typed);
    }
    return ctx.redirect(selected_path(id), N_("The department has been added. You can now add its staff."));
}

http::Response update_department(web::Context& ctx) {
    DepartmentTyped typed;
    typed.id = ctx.id_param();
    typed.department = department_from_form(ctx);
    try {
        save_department(ctx, typed.id, typed.department);
    } catch (const web::Invalid& inv) {
        return departments_page(ctx, department_errors(inv.errors), 422, typed);
    }
    return ctx.redirect(selected_path(*typed.id), N_("The department has been saved."));
}

http::Response add_staff(web::Context& ctx) {
    DepartmentTyped typed;
    typed.id = ctx.id_param();
    typed.staff_form = true;
    typed.staff_email = ctx.form.value("email");
    typed.staff_supervisor = ctx.form.value("supervisor") == "1";
    try {
        add_department_staff(ctx, *typed.id, typed.staff_email, typed.staff_supervisor);
    } catch (const web::Invalid& inv) {
        return departments_page(ctx, ui::errors_for(inv.errors, {}, "email"), 422, typed);
    }
    return ctx.redirect(selected_path(*typed.id), N_("The member of staff has been added to the department."));
}

http::Response remove_staff(web::Context& ctx) {
    const auto id = ctx.id_param();
    remove_department_staff(ctx, id, ctx.id_param("uid"));
    return ctx.redirect(selected_path(id), N_("The member of staff has been removed from the department."));
}

// ---------------------------------------------------------------- request types

http::Response types_page(web::Context& ctx) {
    ctx.require(kPermConfigure);
    auto& tr = ctx.tr;
    const auto types = request_types(ctx, true);
    const auto names = ui::load_names(ctx, true);
    Writer w;
    w << config_nav(ctx, kTypesPath);
    w("<p>{}</p>", tr("Citizens and organisations choose one of the active types when they make a request. The code is the Open311 service_code."));
    w << html::button_link(tr("Add a request type"), ctx.url(std::string(kTypesPath) + "/new"));
    if (types.empty()) {
        w("<p>{}</p>", tr("There are no request types yet."));
    } else {
        html::Table t;
        t.caption = tr("Request types, in the order citizens see them");
        t.head = {tr("Name"), tr("Code"), tr("Department"), tr("Deadline"), tr("Takes"), tr("Default"), tr("Status"), tr("Action")};
        t.first_column_is_header = true;
        for (const auto& rt : types) {
            std::string takes;
            if (rt.takes_location) takes = tr("location");
            if (rt.takes_attachments) takes += (takes.empty() ? "" : ", ") + tr("attachments");
            Writer act;
            act("<a href=\"{}\">{}<span class=\"visually-hidden\"> {}</span></a>",
                ctx.url(fmt::format("{}/{}", kTypesPath, rt.id)), tr("Change"), ui::local_name(tr, rt.name_el, rt.name_en));
            t.rows.push_back({html::text(ui::local_name(tr, rt.name_el, rt.name_en)), html::text(rt.code),
                              html::text(names.department(rt.department_id)),
                              html::text(tr.tn("{} working day", "{} working days", rt.deadline_days)),
                              html::text(takes.empty() ? "—" : takes),
                              html::text(rt.public_default ? tr("Public") : tr("Private")),
                              rt.active ? html::tag(tr("Active"), "green") : html::tag(tr("Withdrawn"), "grey"),
                              act.take()});
        }
        w << html::table(t);
    }
    return ctx.page(tr("Request types"), w.take(), crumbs(ctx, tr("Request types")));
}

RequestTypeInput type_input(const RequestType& t) {
    RequestTypeInput in;
    in.code = t.code;
    in.name_el = t.name_el;
    in.name_en = t.name_en;
    in.description_el = t.description_el;
    in.description_en = t.description_en;
    in.department_id = std::to_string(t.department_id);
    in.deadline_days = std::to_string(t.deadline_days);
    in.position = std::to_string(t.position);
    in.takes_location = t.takes_location;
    in.takes_attachments = t.takes_attachments;
    in.public_default = t.public_default;
    in.active = t.active;
    return in;
}

RequestTypeInput type_input_from_form(const web::Context& ctx) {
    RequestTypeInput in;
    for (auto [field, value] : {std::pair{"code", &in.code}, {"name_el", &in.name_el}, {"name_en", &in.name_en},
                                {"description_el", &in.description_el}, {"description_en", &in.description_en},
                                {"department_id", &in.department_id}, {"deadline_days", &in.deadline_days},
                                {"position", &in.position}})
        *value = ctx.form.value(field);
    in.takes_location = ctx.form.value("takes_location") == "1";
    in.takes_attachments = ctx.form.value("takes_attachments") == "1";
    in.public_default = ctx.form.value("public_default") == "1";
    in.active = ctx.form.value("active") == "1";
    return in;
}

http::Response type_form(web::Context& ctx, std::optional<std::int64_t> id, const RequestTypeInput& in, const Errors& e,
                         int status) {
    ctx.require(kPermConfigure);
    auto& tr = ctx.tr;
    std::vector<html::Option> departments_options{{"", tr("Choose a department")}};
    for (const auto& d : departments(ctx))
        if (!d.retired || std::to_string(d.id) == in.department_id) departments_options.push_back({std::to_string(d.id), name_of(tr, d)});
    const auto title = id ? tr.tf("Request type «{}»", ui::local_name(tr, in.name_el, in.name_en)) : tr("Add a request type");
    Writer w;
    w << html::error_summary(tr, e);
    w << html::form_start(ctx.url(id ? fmt::format("{}/{}", kTypesPath, *id) : std::string(kTypesPath) + "/new"));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "code", .label = tr("Code"), .value = in.code,
                      .hint = tr("Up to 40 lower-case Latin letters, digits and hyphens, like local-problem. Open311 applications use it, so change it only when no application depends on it."),
                      .autocomplete = "off", .required = true}, e);
    w << html::input({.name = "name_el", .label = tr("Name in Greek"), .value = in.name_el, .required = true}, e);
    w << html::input({.name = "name_en", .label = tr("Name in English"), .value = in.name_en, .required = true}, e);
    w << html::textarea({.name = "description_el", .label = tr("Description in Greek (optional)"), .value = in.description_el,
                         .hint = tr("Helps people choose the right type. Up to 2,000 characters.")}, e, 3);
    w << html::textarea({.name = "description_en", .label = tr("Description in English (optional)"), .value = in.description_en}, e, 3);
    w << html::select({.name = "department_id", .label = tr("Department"), .value = in.department_id,
                       .hint = tr("New requests of this type go to this department.")}, departments_options, e);
    w << html::input({.name = "deadline_days", .label = tr("Deadline in working days"), .value = in.deadline_days,
                      .hint = tr("From 1 to 365. Weekends and Greek public holidays do not count."), .type = "text",
                      .required = true, .inputmode = "numeric"}, e);
    w << html::input({.name = "position", .label = tr("Position in the list"), .value = in.position,
                      .hint = tr("A number from 0 to 1000; lower numbers come first."), .type = "text", .inputmode = "numeric"}, e);
    w("<fieldset class=\"fieldset\"><legend class=\"fieldset__legend\">{}</legend>", tr("Options"));
    w << html::checkbox("takes_location", tr("Asks for a location"), in.takes_location,
                        tr("An address, and a point on a map when JavaScript is on."));
    w << html::checkbox("takes_attachments", tr("Accepts attachments"), in.takes_attachments,
                        tr("PDF, JPEG or PNG files, as in the organisation registry."));
    w << html::checkbox("public_default", tr("Public by default"), in.public_default,
                        tr("The requester may still choose otherwise. Personal data is never public."));
    w << html::checkbox("active", tr("Active"), in.active, tr("A withdrawn type is no longer offered; its requests keep it."));
    w("</fieldset>");
    w << html::button(id ? tr("Save the request type") : tr("Add the request type"));
    w << html::form_end();
    return ctx.page(title, w.take(), crumbs(ctx, tr("Request types"), kTypesPath, title), status);
}

http::Response new_type_page(web::Context& ctx) {
    RequestTypeInput in;
    in.deadline_days = "10";
    in.position = "100";
    return type_form(ctx, std::nullopt, in, Errors(ctx.tr), 200);
}

http::Response edit_type_page(web::Context& ctx) {
    ctx.require(kPermConfigure);
    const auto id = ctx.id_param();
    for (const auto& t : request_types(ctx, true))
        if (t.id == id) return type_form(ctx, id, type_input(t), Errors(ctx.tr), 200);
    throw web::NotFound();
}

const std::vector<std::string_view> kTypeFields{"code", "name_el", "name_en", "description_el", "description_en",
                                                "department_id", "deadline_days", "position"};

http::Response save_type(web::Context& ctx, std::optional<std::int64_t> id) {
    const auto in = type_input_from_form(ctx);
    try {
        save_request_type(ctx, id, in);
    } catch (const web::Invalid& inv) {
        return type_form(ctx, id, in, ui::errors_for(inv.errors, kTypeFields, "code"), 422);
    }
    return ctx.redirect(kTypesPath, id ? N_("The request type has been saved.") : N_("The request type has been added."));
}

// ---------------------------------------------------------------- Open311 API keys

http::Response keys_page(web::Context& ctx, const Errors& e, int status, const std::string& typed_name,
                         const std::string& new_key = {}) {
    ctx.require(kPermConfigure);
    auto& tr = ctx.tr;
    const auto keys = api_keys(ctx);
    Writer w;
    w << html::error_summary(tr, e);
    if (!new_key.empty()) {
        // Shown here once: only its hash is stored, so nobody can show it again.
        Writer body;
        body("<p>{}</p><p><code class=\"api-key\">{}</code></p>", tr("Copy the key now and give it to the application's developers. It will not be shown again."), new_key);
        w << html::panel(tr("The key has been issued"), body.take());
    }
    w << config_nav(ctx, kKeysPath);
    w("<p>{}</p>", tr("Open311 GeoReport v2 applications submit requests with a key. Give each application its own key, so that you can revoke one without stopping the others."));
    w << html::summary_list({{tr("Service discovery"), html::text(ctx.url("/open311/v2/discovery.json"))},
                             {tr("jurisdiction_id"), html::text(ctx.tenant.slug)},
                             {tr("Field with the key"), html::text("api_key")}});
    if (keys.empty()) {
        w("<p>{}</p>", tr("No keys have been issued yet."));
    } else {
        html::Table t;
        t.caption = tr("Issued keys");
        t.head = {tr("Name"), tr("Issued"), tr("Last used"), tr("Status"), tr("Action")};
        t.first_column_is_header = true;
        for (const auto& k : keys) {
            t.rows.push_back({html::text(k.name), html::text(i18n::format_date(tr, k.created_at)),
                              html::text(k.last_used_at ? i18n::format_datetime(tr, *k.last_used_at) : tr("Never")),
                              k.revoked_at ? html::tag(tr.tf("Revoked on {}", i18n::format_date(tr, *k.revoked_at)), "grey")
                                           : html::tag(tr("Active"), "green"),
                              k.revoked_at ? html::text("—")
                                           : web::post_button(ctx, fmt::format("{}/{}/revoke", kKeysPath, k.id), tr("Revoke"),
                                                             k.name, "warning")});
        }
        w << html::table(t);
    }
    w("<h2>{}</h2>", tr("Issue a new key"));
    w << html::form_start(ctx.url(kKeysPath));
    w << html::csrf_input(ctx.csrf_token());
    w << html::input({.name = "name", .label = tr("Name of the key"), .value = typed_name,
                      .hint = tr("Who uses it, such as the name of the application. From 2 to 80 characters."),
                      .autocomplete = "off", .required = true}, e);
    w << html::button(tr("Issue the key"));
    w << html::form_end();
    return ctx.page(tr("Open311 API keys"), w.take(), crumbs(ctx, tr("Open311 API keys")), status);
}

http::Response create_key(web::Context& ctx) {
    const auto name = ctx.form.value("name");
    std::string key;
    try {
        key = create_api_key(ctx, name);
    } catch (const web::Invalid& inv) {
        return keys_page(ctx, ui::errors_for(inv.errors, {"name"}, "name"), 422, name);
    }
    // Rendered directly, not redirected: the key must not travel in a cookie or a URL. The
    // response is not cached (the pipeline marks pages private/no-store).
    return keys_page(ctx, Errors(ctx.tr), 200, "", key);
}

}  // namespace

void install_config_pages(web::App& app) {
    app.get(kDepartmentsPath, [](web::Context& ctx) { return departments_page(ctx, Errors(ctx.tr), 200, {}); });
    app.post(kDepartmentsPath, create_department, {.body = web::Body::Form});
    app.post(std::string(kDepartmentsPath) + "/{id}", update_department, {.body = web::Body::Form});
    app.post(std::string(kDepartmentsPath) + "/{id}/staff", add_staff, {.body = web::Body::Form});
    app.post(std::string(kDepartmentsPath) + "/{id}/staff/{uid}/remove", remove_staff, {.body = web::Body::Form});
    app.get(kTypesPath, types_page);
    app.get(std::string(kTypesPath) + "/new", new_type_page);
    app.post(std::string(kTypesPath) + "/new", [](web::Context& ctx) { return save_type(ctx, std::nullopt); }, {.body = web::Body::Form});
    app.get(std::string(kTypesPath) + "/{id}", edit_type_page);
    app.post(std::string(kTypesPath) + "/{id}", [](web::Context& ctx) { return save_type(ctx, ctx.id_param()); },
             {.body = web::Body::Form});
    app.get(kKeysPath, [](web::Context& ctx) { return keys_page(ctx, Errors(ctx.tr), 200, ""); });
    app.post(kKeysPath, create_key, {.body = web::Body::Form});
    app.post(std::string(kKeysPath) + "/{id}/revoke", [](web::Context& ctx) {
        revoke_api_key(ctx, ctx.id_param());
        return ctx.redirect(kKeysPath, N_("The key has been revoked. Applications using it can no longer submit requests."));
    }, {.body = web::Body::Form});
}

}  // namespace syn::requests
